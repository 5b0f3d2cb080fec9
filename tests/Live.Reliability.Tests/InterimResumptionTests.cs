using Live.Testing;
using Live.Tools;
using static Live.Reliability.Tests.Infrastructure.EmulatorClients;

namespace Live.Reliability.Tests;

/// <summary>A non-blocking tool that reports progress when the test lets it, then waits until cancelled or released.</summary>
public partial class ProgressTools
{
    /// <summary>Completed when <see cref="TrackAsync"/> started.</summary>
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Released by the test to let <see cref="TrackAsync"/> report its progress.</summary>
    public TaskCompletionSource ReportNow { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completed just before <see cref="TrackAsync"/> asks for its progress report to be sent.</summary>
    public TaskCompletionSource Reporting { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completed when <see cref="TrackAsync"/> saw its token cancelled.</summary>
    public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Tracks a parcel, reporting progress while it does.</summary>
    /// <param name="parcel">The parcel's number.</param>
    /// <param name="context">The call's context.</param>
    /// <param name="cancellationToken">Cancelled when the call is.</param>
    /// <returns>Where the parcel is.</returns>
    [LiveTool(Behavior = Behavior.NonBlocking)]
    public async Task<string> TrackAsync(string parcel, LiveToolContext context, CancellationToken cancellationToken)
    {
        Started.TrySetResult();
        try
        {
            await ReportNow.Task.WaitAsync(cancellationToken);
            Reporting.TrySetResult();
            await context.ReportProgressAsync("looking up " + parcel, 0.5, cancellationToken);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Cancelled.TrySetResult();
            throw;
        }

        return "never";
    }
}

/// <summary>Interim responses (<c>willContinue</c>) and session resumption.</summary>
public class InterimResumptionTests
{
    [Fact]
    public async Task An_interim_response_held_while_the_session_resumes_is_withdrawn_when_the_resumed_session_does_not_know_its_call()
    {
        var tools = new ProgressTools();
        await using LiveEmulator emulator = await StartAsync();

        // The call comes after the latest handle, so the resumed session does not know it. Its progress report is made
        // while the session resumes (the second connection holds setupComplete until then), so it waits for the new
        // connection: it must not reach it.
        emulator.Script(s => s
            .SendSessionResumptionUpdate("handle-before-call")
            .ExpectClientContent()
            .SendToolCall("call-1", "track", new System.Text.Json.Nodes.JsonObject { ["parcel"] = "P-7" })
            .Do(async _ => await tools.Started.Task)
            .SendGoAway(TimeSpan.FromSeconds(10))
            .ExpectClose());
        emulator.Script(s => s
            .NeverAnswerSetup()
            .Do(async _ => await tools.Reporting.Task, "wait until the tool reports progress")
            .Delay(TimeSpan.FromMilliseconds(200))
            .SendSetupComplete()
            .SendTextTurn("resumed without the call"));

        var config = new LiveConnectConfig
        {
            ResponseModalities = [Modality.Text],
            Tools = [tools.ToTool()],
            SessionResumption = new SessionResumptionConfig(),
        };
        await using AsyncSession session = await CreateClient(emulator).Live.ConnectAsync(Model, config);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource(TestTimeout);
        Task loop = session.RunWithToolsAsync(tools, (m, _) =>
        {
            if (m.GoAway is not null)
            {
                tools.ReportNow.TrySetResult();
            }

            if (IsText(m, "resumed without the call"))
            {
                done.TrySetResult();
            }

            return ValueTask.CompletedTask;
        }, cancellationToken: stop.Token);

        await session.SendClientContentAsync("where is P-7?", turnComplete: true);
        await done.Task.WaitAsync(TestTimeout);
        await tools.Cancelled.Task.WaitAsync(TestTimeout);
        await Task.Delay(200);

        Assert.Equal(1, session.ResumptionCount);
        Assert.DoesNotContain(emulator.ReceivedFrames, f => f.Kind == ClientMessageKind.ToolResponse);
        await session.CloseAsync();
        await loop.WaitAsync(TestTimeout);
    }
}
