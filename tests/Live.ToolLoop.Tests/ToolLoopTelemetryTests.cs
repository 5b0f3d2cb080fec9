using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Live.ToolLoopTests;

public sealed class ToolLoopTelemetryTests
{
    [Fact]
    public async Task Each_call_is_logged_at_debug_with_payloads_only_at_trace_and_gets_an_execute_tool_span_and_metrics()
    {
        string unique = "t" + Guid.NewGuid().ToString("N")[..8];
        string okName = unique + "_ok";
        string failName = unique + "_fail";
        var activities = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == LiveToolTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (a.DisplayName.Contains(unique, StringComparison.Ordinal))
                {
                    activities.Enqueue(a);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        var measurements = new ConcurrentQueue<(string Instrument, double Value, string? Tool)>();
        using var meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == LiveToolTelemetry.SourceName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        meterListener.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Enqueue((i.Name, v, ToolTag(tags))));
        meterListener.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Enqueue((i.Name, v, ToolTag(tags))));
        meterListener.Start();

        var logs = new CapturingLoggerFactory();
        await using var server = await LoopbackServer.StartAsync();
        var client = new Client(new ClientOptions { ApiKey = "TEST_KEY", BaseUrl = server.BaseUrl, LoggerFactory = logs });
        var tools = new ControlledTools()
            .Add(okName, (_, _) => Task.FromResult<JsonNode?>("sunny and 22 degrees"))
            .Add(failName, (_, _) => throw new InvalidOperationException("boom"));
        Task<AsyncSession> connecting = client.Live.ConnectAsync("m", new LiveConnectConfig { Tools = [Live.Tools.LiveToolSet.ToTool(tools)] });
        ServerConnection connection = await server.AcceptAsync();
        await using AsyncSession session = await connecting;
        Task run = session.RunWithToolsAsync(tools);

        await connection.SendToolCallAsync(("ok-1", okName, """{"city":"Tokyo"}"""), ("fail-1", failName, "{}"));
        JsonElement[] responses = await connection.ReceiveToolResponseAsync();
        Assert.Equal(2, responses.Length);
        await connection.CloseAsync(WebSocketCloseStatus.NormalClosure, "");
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        meterListener.RecordObservableInstruments();

        var loopLogs = logs.Entries.Where(e => e.Category == "Live.Tools.ToolLoop").ToList();
        Assert.Contains(loopLogs, e => e.Level == LogLevel.Debug && e.Message == $"Tool call {okName} (ok-1) started.");
        Assert.Contains(loopLogs, e => e.Level == LogLevel.Debug && e.Message.StartsWith($"Tool call {okName} (ok-1) finished in ", StringComparison.Ordinal));
        Assert.Contains(loopLogs, e => e.Level == LogLevel.Warning && e.Message.StartsWith($"Tool call {failName} (fail-1) failed after ", StringComparison.Ordinal) && e.Exception is InvalidOperationException);

        // Arguments and results appear only in Trace entries.
        Assert.All(loopLogs.Where(e => e.Message.Contains("Tokyo", StringComparison.Ordinal) || e.Message.Contains("sunny", StringComparison.Ordinal)), e => Assert.Equal(LogLevel.Trace, e.Level));
        Assert.Contains(loopLogs, e => e.Level == LogLevel.Trace && e.Message.Contains("\"city\":\"Tokyo\"", StringComparison.Ordinal));
        Assert.Contains(loopLogs, e => e.Level == LogLevel.Trace && e.Message.Contains("sunny and 22 degrees", StringComparison.Ordinal));

        Activity ok = Assert.Single(activities, a => a.DisplayName == "execute_tool " + okName);
        Assert.Equal("execute_tool", ok.GetTagItem("gen_ai.operation.name"));
        Assert.Equal(okName, ok.GetTagItem("gen_ai.tool.name"));
        Assert.Equal("ok-1", ok.GetTagItem("gen_ai.tool.call.id"));
        Assert.Null(ok.GetTagItem("error.type"));
        Activity failed = Assert.Single(activities, a => a.DisplayName == "execute_tool " + failName);
        Assert.Equal("System.InvalidOperationException", failed.GetTagItem("error.type"));
        Assert.Equal(ActivityStatusCode.Error, failed.Status);

        Assert.Contains(measurements, m => m.Instrument == LiveToolTelemetry.CallsInstrument && m.Tool == okName && m.Value == 1);
        Assert.Contains(measurements, m => m.Instrument == LiveToolTelemetry.DurationInstrument && m.Tool == okName && m.Value >= 0);
        Assert.Contains(measurements, m => m.Instrument == LiveToolTelemetry.ErrorsInstrument && m.Tool == failName && m.Value == 1);
        Assert.DoesNotContain(measurements, m => m.Instrument == LiveToolTelemetry.ErrorsInstrument && m.Tool == okName);
    }

    private static string? ToolTag(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            if (tag.Key == "gen_ai.tool.name")
            {
                return tag.Value as string;
            }
        }

        return null;
    }
}
