using System.Reflection;
using Live.Testing;

namespace Live.Sessions.Tests;

/// <summary>The store hooks of Live.Runtime, in process: connect-or-resume and saving handles.</summary>
public class ResumptionStoreTests
{
    private const string Model = "gemini-live-2.5-flash-preview";

    [Fact]
    public async Task A_new_conversation_stores_its_handles_and_the_next_connect_resumes_from_the_latest()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        emulator.OnUserText("hello", turn => turn.Say("Hi!"));
        Client client = emulator.CreateClient();
        var store = new InMemoryLiveResumptionStore();
        var config = new LiveConnectConfig { ResponseModalities = [Modality.Text] };

        await using (AsyncSession session = await client.Live.ConnectOrResumeAsync(Model, config, store, "conv"))
        {
            Assert.Null(session.Config.SessionResumption!.Handle);
            await session.SendClientContentAsync("hello", turnComplete: true);
            await foreach (LiveServerMessage message in session.ReceiveAsync())
            {
                if (await store.SaveResumptionHandleAsync("conv", message))
                {
                    break;
                }
            }

            Assert.Equal(session.ResumptionHandle, await store.GetHandleAsync("conv"));
        }

        // The caller's configuration is not changed; resumption was added to a copy.
        Assert.Null(config.SessionResumption);
        Assert.True(emulator.Connections[0].ResumptionEnabled);
        Assert.Null(emulator.Connections[0].ResumptionHandle);

        string? handle = await store.GetHandleAsync("conv");
        await using (AsyncSession resumed = await client.Live.ConnectOrResumeAsync(Model, config, store, "conv"))
        {
            Assert.Equal(handle, resumed.Config.SessionResumption!.Handle);
        }

        Assert.Equal(handle, emulator.Connections[1].ResumptionHandle);
    }

    [Fact]
    public async Task The_tool_loop_callback_saves_handles_and_passes_every_message_on()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        emulator.OnUserText("hello", turn => turn.Say("Hi!"));
        var store = new InMemoryLiveResumptionStore();
        var seen = new List<LiveServerMessage>();
        await using AsyncSession session = await emulator.CreateClient().Live.ConnectOrResumeAsync(Model, new LiveConnectConfig { ResponseModalities = [Modality.Text] }, store, "k");
        using var done = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        Func<LiveServerMessage, CancellationToken, ValueTask> onMessage = store.SaveResumptionHandles("k", (m, _) =>
        {
            seen.Add(m);
            if (m.SessionResumptionUpdate is not null)
            {
                done.Cancel();
            }

            return default;
        });

        await session.SendClientContentAsync("hello", turnComplete: true);
        await foreach (LiveServerMessage message in session.ReceiveAsync(done.Token).WithCancellation(done.Token).ConfigureAwait(false))
        {
            await onMessage(message, done.Token);
            if (done.IsCancellationRequested)
            {
                break;
            }
        }

        Assert.Contains(seen, m => m.Text == "Hi!");
        Assert.Equal(seen.Last(m => m.SessionResumptionUpdate is not null).SessionResumptionUpdate!.NewHandle, await store.GetHandleAsync("k"));
    }

    [Fact]
    public async Task Non_resumable_updates_and_other_messages_do_not_touch_the_store()
    {
        var store = new InMemoryLiveResumptionStore();
        await store.SetHandleAsync("k", "old");
        Assert.False(await store.SaveResumptionHandleAsync("k", new LiveServerMessage { SessionResumptionUpdate = new LiveServerSessionResumptionUpdate { Resumable = false } }));
        Assert.False(await store.SaveResumptionHandleAsync("k", new LiveServerMessage { SessionResumptionUpdate = new LiveServerSessionResumptionUpdate { Resumable = true, NewHandle = "" } }));
        Assert.False(await store.SaveResumptionHandleAsync("k", new LiveServerMessage()));
        Assert.Equal("old", await store.GetHandleAsync("k"));
        Assert.True(await store.SaveResumptionHandleAsync("k", new LiveServerMessage { SessionResumptionUpdate = new LiveServerSessionResumptionUpdate { Resumable = true, NewHandle = "new" } }));
        Assert.Equal("new", await store.GetHandleAsync("k"));
        Assert.DoesNotContain("new", store.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_handle_is_removed_so_the_next_connect_starts_a_new_conversation()
    {
        await using LiveEmulator emulator = await LiveEmulator.StartAsync();
        // The first connection (the resume) is refused as the service refuses an expired handle.
        emulator.Script(s => s.NeverAnswerSetup().Close(1008, "session resumption handle is invalid"));
        var store = new InMemoryLiveResumptionStore();
        await store.SetHandleAsync("k", "expired-handle");
        Client client = emulator.CreateClient();

        await Assert.ThrowsAsync<LiveClientException>(() => client.Live.ConnectOrResumeAsync(Model, null, store, "k"));
        Assert.Null(await store.GetHandleAsync("k"));

        await using AsyncSession fresh = await client.Live.ConnectOrResumeAsync(Model, null, store, "k");
        Assert.Null(fresh.Config.SessionResumption!.Handle);
    }

    [Fact]
    public void The_configuration_copy_keeps_every_setting()
    {
        // Every public settable property of LiveConnectConfig must be carried over (a new one added later would otherwise be dropped).
        var original = new LiveConnectConfig();
        var values = new Dictionary<string, object?>();
        foreach (PropertyInfo property in typeof(LiveConnectConfig).GetProperties().Where(p => p.CanWrite && p.Name != nameof(LiveConnectConfig.SessionResumption)))
        {
            object? value = SampleValue(property.PropertyType);
            property.SetValue(original, value);
            values[property.Name] = value;
        }

        MethodInfo copy = typeof(LiveResumptionExtensions).GetMethod("WithHandle", BindingFlags.NonPublic | BindingFlags.Static)!;
        var copied = (LiveConnectConfig)copy.Invoke(null, [original, "h"])!;
        foreach ((string name, object? value) in values)
        {
            Assert.Equal(value, typeof(LiveConnectConfig).GetProperty(name)!.GetValue(copied));
        }

        Assert.Equal("h", copied.SessionResumption!.Handle);
    }

    private static object? SampleValue(Type type)
    {
        Type target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(bool)) return true;
        if (target == typeof(int)) return 7;
        if (target == typeof(double)) return 0.5;
        if (target.IsEnum) return Enum.GetValues(target).GetValue(Enum.GetValues(target).Length - 1);
        if (target.IsInterface && target.IsGenericType)
        {
            Type[] args = target.GetGenericArguments();
            Type concrete = args.Length == 1 ? typeof(List<>).MakeGenericType(args) : typeof(Dictionary<,>).MakeGenericType(args);
            return Activator.CreateInstance(concrete);
        }

        return Activator.CreateInstance(target);
    }
}
