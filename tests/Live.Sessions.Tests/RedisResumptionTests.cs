using System.Collections.Concurrent;
using System.Text.Json;
using Live.Extensions.Caching;
using Live.Testing;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;

namespace Live.Sessions.Tests;

/// <summary>
/// Sessions that survive their process, through a real redis-server: process A holds a conversation and is killed;
/// process B resumes it from the handle A left in Redis, and the conversation goes on.
/// </summary>
public class RedisResumptionTests
{
    [Fact]
    public async Task A_conversation_resumes_in_another_process_after_the_first_one_is_killed()
    {
        using RedisServer redis = await RedisServer.StartAsync();
        await using LiveEmulator emulator = await LiveEmulator.StartAsync(new LiveEmulatorOptions { WaitTimeout = TimeSpan.FromSeconds(30) });
        var memory = new ConcurrentDictionary<int, string>();
        emulator
            .OnUserText(@"remember (?<word>\w+)", turn =>
            {
                memory[ConversationOf(emulator, turn.Connection)] = turn["word"];
                turn.Say($"I will remember {turn["word"]}.");
            })
            .OnUserText("what did I ask you to remember", turn =>
                turn.Say(memory.TryGetValue(ConversationOf(emulator, turn.Connection), out string? word)
                    ? $"You asked me to remember {word}."
                    : "You did not ask me to remember anything."));

        string[] common = ["--emulator", emulator.BaseUrl.ToString(), "--key", emulator.ApiKey, "--redis", redis.Configuration, "--conversation", "call-42"];

        // Process A: a new conversation; it stores each handle in Redis, then holds the session.
        using (ChildProcess a = ChildProcess.StartAgent([.. common, "--phase", "hold"]))
        {
            Assert.Equal("NEW", a.WaitForLine("NEW", TimeSpan.FromSeconds(60)));
            a.WaitForLine("HANDLE-STORED", TimeSpan.FromSeconds(30));
            a.Kill();
            Assert.True(a.HasExited);
        }

        // What A left in Redis is the handle the emulator sent on A's connection.
        using var cache = new RedisCache(Options.Create(new RedisCacheOptions { Configuration = redis.Configuration }));
        string? stored = await new DistributedCacheResumptionStore(cache).GetHandleAsync("call-42");
        Assert.NotNull(stored);
        EmulatorConnection first = emulator.Connections[0];
        Assert.Equal(stored, LastHandleSentOn(emulator, first.Number));

        // Process B: resumes from Redis and the conversation goes on.
        using ChildProcess b = ChildProcess.StartAgent([.. common, "--phase", "resume"]);
        Assert.Equal("RESUMED", b.WaitForLine("RESUMED", TimeSpan.FromSeconds(60)));
        string answer = b.WaitForLine("ANSWER:", TimeSpan.FromSeconds(30));
        Assert.Equal(0, await b.WaitForExitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal("ANSWER: You asked me to remember pineapple.", answer);
        EmulatorConnection second = emulator.Connections[^1];
        Assert.NotEqual(first.Number, second.Number);
        Assert.Equal(stored, second.ResumptionHandle);

        // B stored the handle of its own turn: a third process would resume from there.
        string? latest = await new DistributedCacheResumptionStore(cache).GetHandleAsync("call-42");
        Assert.Equal(LastHandleSentOn(emulator, second.Number), latest);
        Assert.NotEqual(stored, latest);
    }

    [Fact]
    public async Task The_store_sets_reads_expires_and_removes_entries_in_Redis()
    {
        using RedisServer redis = await RedisServer.StartAsync();
        using var cache = new RedisCache(Options.Create(new RedisCacheOptions { Configuration = redis.Configuration }));
        var store = new DistributedCacheResumptionStore(cache, new DistributedCacheResumptionStoreOptions { KeyPrefix = "test:", Expiration = TimeSpan.FromSeconds(1) });

        Assert.Null(await store.GetHandleAsync("a"));
        await store.SetHandleAsync("a", "handle-1");
        await store.SetHandleAsync("b", "handle-b");
        await store.SetHandleAsync("a", "handle-2");
        Assert.Equal("handle-2", await store.GetHandleAsync("a"));
        Assert.Equal("handle-b", await store.GetHandleAsync("b"));
        Assert.Equal("handle-2"u8.ToArray(), await cache.GetAsync("test:a"));

        await store.RemoveHandleAsync("b");
        Assert.Null(await store.GetHandleAsync("b"));

        // Entries expire (the service's handles do too); bounded wait.
        await Task.Delay(TimeSpan.FromMilliseconds(1500));
        Assert.Null(await store.GetHandleAsync("a"));
        Assert.DoesNotContain("handle", store.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// The conversation a connection belongs to: its own number, or, when it resumed with a handle, the conversation of
    /// the connection that was sent that handle. This is how the test's emulator honours handles.
    /// </summary>
    private static int ConversationOf(LiveEmulator emulator, EmulatorConnection connection)
    {
        if (connection.ResumptionHandle is not { } handle)
        {
            return connection.Number;
        }

        EmulatorFrame? issued = emulator.SentFrames.FirstOrDefault(f => f.MessageType == "sessionResumptionUpdate" && NewHandle(f) == handle);
        return issued is null ? -1 : ConversationOf(emulator, emulator.Connections.First(c => c.Number == issued.Connection));
    }

    private static string? LastHandleSentOn(LiveEmulator emulator, int connection) =>
        emulator.SentFrames.LastOrDefault(f => f.Connection == connection && f.MessageType == "sessionResumptionUpdate") is { } frame ? NewHandle(frame) : null;

    private static string? NewHandle(EmulatorFrame frame) =>
        frame.Body.ValueKind == JsonValueKind.Object && frame.Body.TryGetProperty("newHandle", out JsonElement value) ? value.GetString() : null;
}
