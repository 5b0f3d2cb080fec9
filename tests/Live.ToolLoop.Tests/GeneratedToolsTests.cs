using System.Net.WebSockets;
using System.Text.Json;
using Live.Tools;

namespace Live.ToolLoopTests;

public enum Unit
{
    Celsius,
    Fahrenheit,
}

public sealed record Forecast(string City, int Days, double HighC);

/// <summary>Real generated tools, dispatched by the loop.</summary>
public partial class ForecastTools
{
    /// <summary>Forecasts the weather.</summary>
    /// <param name="city">The city.</param>
    /// <param name="days">How many days, 1 to 7.</param>
    /// <param name="unit">The unit.</param>
    [LiveTool]
    public Forecast GetForecast(string city, [System.ComponentModel.DataAnnotations.Range(1, 7)] int days, Unit unit = Unit.Celsius) =>
        new(city, days, unit == Unit.Celsius ? 21.5 : 70.7);

    /// <summary>Always fails.</summary>
    [LiveTool]
    public void Explode() => throw new InvalidOperationException("connection string leaked");
}

public sealed class GeneratedToolsTests
{
    [Fact]
    public async Task Generated_tools_answer_output_and_name_the_bad_argument_with_the_right_ids()
    {
        await using var server = await LoopbackServer.StartAsync();
        var tools = new ForecastTools();
        Client client = server.CreateClient();
        Task<AsyncSession> connecting = client.Live.ConnectAsync("m", new LiveConnectConfig { Tools = [ForecastTools.LiveTools] });
        ServerConnection connection = await server.AcceptAsync();
        await using AsyncSession session = await connecting;

        // The setup carried the generated declarations.
        JsonElement declarations = connection.Setup.GetProperty("setup").GetProperty("tools")[0].GetProperty("functionDeclarations");
        Assert.Equal(["get_forecast", "explode"], declarations.EnumerateArray().Select(d => d.GetProperty("name").GetString()!).ToArray());

        Task run = session.RunWithToolsAsync(tools);
        await connection.SendToolCallAsync(
            ("g1", "get_forecast", """{"city":"Oslo","days":3}"""),
            ("g2", "get_forecast", """{"city":"Oslo","days":"three"}"""),
            ("g3", "get_forecast", """{"city":"Oslo","days":9}"""),
            ("g4", "get_forecast", """{"days":2}"""),
            ("g5", "explode", "{}"),
            ("g6", "get_forecast", """{"city":"Oslo","days":2,"unit":"kelvin"}"""));
        JsonElement[] responses = await connection.ReceiveToolResponseAsync();

        Assert.Equal(["g1", "g2", "g3", "g4", "g5", "g6"], responses.Select(r => r.GetProperty("id").GetString()!).ToArray());
        Assert.All(responses.Take(4), r => Assert.Equal("get_forecast", r.GetProperty("name").GetString()));
        JsonElement output = responses[0].GetProperty("response").GetProperty("output");
        Assert.Equal("Oslo", output.GetProperty("city").GetString());
        Assert.Equal(3, output.GetProperty("days").GetInt32());
        Assert.Equal(21.5, output.GetProperty("high_c").GetDouble());

        string Error(int i) => responses[i].GetProperty("response").GetProperty("error").GetString()!;
        Assert.StartsWith("days:", Error(1));
        Assert.Contains("\"three\"", Error(1));
        Assert.StartsWith("days:", Error(2));
        Assert.Contains("9", Error(2));
        Assert.Equal("city: required parameter is missing", Error(3));
        Assert.StartsWith("unit:", Error(5));
        Assert.Contains("\"celsius\"", Error(5));
        Assert.Contains("kelvin", Error(5));
        Assert.DoesNotContain("leaked", Error(4));
        Assert.Contains("explode", Error(4));

        await connection.CloseAsync(WebSocketCloseStatus.NormalClosure, "");
        await run.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
