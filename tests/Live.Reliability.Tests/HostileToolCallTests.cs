using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Live.Reliability.Tests.Network;
using Live.Tools;
using static Live.Reliability.Tests.Network.RawClients;

namespace Live.Reliability.Tests;

/// <summary>
/// Tool calls a hostile (or buggy) server can send: a functionCall without an id, the same id twice followed by a
/// cancellation of it. Every other call of the batch is answered on its own; no exception goes unobserved.
/// </summary>
[Collection(Infrastructure.FuzzCollection.Name)]
public class HostileToolCallTests
{
    public static TheoryData<bool> Modes => new() { false, true };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_functionCall_without_id_never_makes_its_neighbours_answers_disappear(bool respondImmediately)
    {
        int unobserved = 0;
        EventHandler<UnobservedTaskExceptionEventArgs> onUnobserved = (_, _) => Interlocked.Increment(ref unobserved);
        TaskScheduler.UnobservedTaskException += onUnobserved;
        try
        {
            await using var server = new RawLiveServer(async peer =>
            {
                await peer.CompleteSetupAsync();
                await peer.SendTextAsync(
                    "{\"toolCall\":{\"functionCalls\":[{\"id\":\"a\",\"name\":\"echo\",\"args\":{}},{\"name\":\"echo\",\"args\":{}},{\"id\":\"b\",\"name\":\"echo\",\"args\":{}}]}}");
            });

            await using AsyncSession session = await Create(server.BaseUrl).Live.ConnectAsync(Model, Config(false, "echo"));
            using var stop = new CancellationTokenSource();
            Task loop = session.RunWithToolsAsync(new EchoTools(), options: new LiveToolOptions { RespondImmediately = respondImmediately }, cancellationToken: stop.Token);
            RawPeer peer = server.Peers[0];
            int answered = 0;
            while (answered < 2)
            {
                answered += ResponseIds(await peer.NextTextAsync()).Count();
            }

            await Task.Delay(200);
            List<string> ids;
            lock (peer.Received)
            {
                ids = [.. peer.Received.SelectMany(ResponseIds)];
            }

            Assert.Equal(["a", "b"], ids.Order());
            Assert.False(loop.IsCompleted);
            stop.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loop.WaitAsync(HangLimit));
        }
        finally
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            TaskScheduler.UnobservedTaskException -= onUnobserved;
        }

        Assert.Equal(0, unobserved);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_duplicated_id_followed_by_its_cancellation_is_never_answered(bool respondImmediately)
    {
        // The repeated id runs once (a call delivered twice runs once and is answered once): two distinct calls start.
        var tools = new EchoTools { Hold = true, ExpectedStarts = 2 };
        await using var server = new RawLiveServer(async peer =>
        {
            await peer.CompleteSetupAsync();
            await peer.SendTextAsync(
                "{\"toolCall\":{\"functionCalls\":[{\"id\":\"d\",\"name\":\"echo\",\"args\":{}},{\"id\":\"d\",\"name\":\"echo\",\"args\":{}},{\"id\":\"n\",\"name\":\"echo\",\"args\":{}}]}}");
            await tools.AllStarted.Task;
            await peer.SendTextAsync("{\"toolCallCancellation\":{\"ids\":[\"d\"]}}");
        });

        await using AsyncSession session = await Create(server.BaseUrl).Live.ConnectAsync(Model, Config(false, "echo"));
        using var stop = new CancellationTokenSource();
        var cancellationSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task loop = Task.Run(async () =>
        {
            await foreach (LiveServerMessage message in session.ReceiveWithToolsAsync(tools, new LiveToolOptions { RespondImmediately = respondImmediately }, stop.Token))
            {
                if (message.ToolCallCancellation is not null)
                {
                    cancellationSeen.TrySetResult();
                }
            }
        });

        await cancellationSeen.Task.WaitAsync(HangLimit);
        tools.ReleaseAll();
        RawPeer peer = server.Peers[0];
        Assert.Equal(["n"], ResponseIds(await peer.NextTextAsync()));
        await Task.Delay(300);
        lock (peer.Received)
        {
            Assert.DoesNotContain(peer.Received.SelectMany(ResponseIds), id => id == "d");
        }
        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loop.WaitAsync(HangLimit));
    }

    private static IEnumerable<string> ResponseIds(string frame)
    {
        using JsonDocument json = JsonDocument.Parse(frame);
        if (!json.RootElement.TryGetProperty("toolResponse", out JsonElement response))
        {
            return [];
        }

        return [.. response.GetProperty("functionResponses").EnumerateArray().Select(r => r.GetProperty("id").GetString()!)];
    }

    /// <summary><c>echo</c>: answers at once, or (with <see cref="Hold"/>) when released.</summary>
    private sealed class EchoTools : ILiveToolSet
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _started;

        public bool Hold { get; init; }

        public int ExpectedStarts { get; init; } = 3;

        public TaskCompletionSource AllStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<FunctionDeclaration> FunctionDeclarations { get; } = [new() { Name = "echo", Description = "A test function." }];

        public bool TryGetTool(string name, [NotNullWhen(true)] out LiveToolInfo? tool)
        {
            tool = null;
            return false;
        }

        public void ReleaseAll() => _release.TrySetResult();

        public async ValueTask<FunctionResponse> InvokeAsync(FunctionCall call, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _started) == ExpectedStarts)
            {
                AllStarted.TrySetResult();
            }

            if (Hold && call.Id == "d")
            {
                // Finishes before the cancellation arrives only in its batch's view: here it waits, then is cancelled.
                await _release.Task.WaitAsync(cancellationToken);
            }

            return FunctionResponse.FromUtf8Json(call.Id, call.Name, "{\"output\":\"ok\"}"u8.ToArray());
        }
    }
}
