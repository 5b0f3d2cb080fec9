using BenchmarkDotNet.Attributes;
using Live.Benchmarks.Support;
using Live.Benchmarks.Tools;
using Live.Tools;
using Microsoft.Extensions.AI;

namespace Live.Benchmarks.Dispatch;

/// <summary>The JSON of the calls every dispatch approach answers.</summary>
public static class DispatchCalls
{
    public const string Weather = """{"id":"call-1","name":"get_weather","args":{"location":"Tokyo, JP","unit":"fahrenheit","days":3}}""";

    public const string Order = """{"id":"call-2","name":"place_order","args":{"customer":{"name":"Ada Lovelace","email":"ada@example.com"},"lines":[{"sku":"A-1","quantity":2,"unit_cents":1250},{"sku":"B-2","quantity":1,"unit_cents":399},{"sku":"C-3","quantity":5,"unit_cents":75}]}}""";

    public const string Twenty = """{"id":"call-3","name":"tool19","args":{"location":"Oslo, NO","days":2}}""";
}

/// <summary>Dispatch of the 3-argument tool (string, enum with default, int with default) returning a 3-field record.</summary>
[MemoryDiagnoser]
public class DispatchWeatherBenchmarks
{
    private FunctionCall _call = null!;
    private ILiveToolSet _generated = null!;
    private AIFunction _meai = null!;

    [GlobalSetup]
    public void Setup()
    {
        _call = Check.ParseCall(DispatchCalls.Weather);
        _generated = new WeatherBenchTools();
        _meai = MeaiAdapter.Create(typeof(WeatherBenchTools), nameof(WeatherBenchTools.GetWeather), new WeatherBenchTools(), "get_weather");
        HandWritten.WriteWeather(_call);
        byte[] floorBytes = ReusedWriter.Written.ToArray();
        Check.SameBytes("dispatch get_weather", [
            ("hand-written floor", Check.ResponseBytes(HandWritten.InvokeWeather(_call))),
            ("hand-written floor (reused buffer)", floorBytes),
            ("generated", Check.ResponseBytes(Generated())),
            ("AIFunctionFactory", Check.ResponseBytes(AIFunctionFactory())),
        ]);
    }

    [Benchmark(Baseline = true, Description = "Hand-written floor (FunctionResponse)")]
    public FunctionResponse HandWrittenFloor() => HandWritten.InvokeWeather(_call);

    [Benchmark(Description = "Hand-written floor (reused buffer only)")]
    public int HandWrittenReusedBuffer() => HandWritten.WriteWeather(_call);

    [Benchmark(Description = "Generated dispatcher")]
    public FunctionResponse Generated() => Sync.Result(_generated.InvokeAsync(_call, CancellationToken.None));

    [Benchmark(Description = "AIFunctionFactory + InvokeAsync")]
    public FunctionResponse AIFunctionFactory() => MeaiAdapter.Invoke(_meai, _call);
}

/// <summary>Dispatch of a tool with a nested object and an array of objects.</summary>
[MemoryDiagnoser]
public class DispatchNestedBenchmarks
{
    private FunctionCall _call = null!;
    private ILiveToolSet _generated = null!;
    private AIFunction _meai = null!;

    [GlobalSetup]
    public void Setup()
    {
        _call = Check.ParseCall(DispatchCalls.Order);
        _generated = new OrderBenchTools();
        _meai = MeaiAdapter.Create(typeof(OrderBenchTools), nameof(OrderBenchTools.PlaceOrder), new OrderBenchTools(), "place_order");
        Check.SameBytes("dispatch place_order", [
            ("hand-written floor", Check.ResponseBytes(HandWritten.InvokeOrder(_call))),
            ("generated", Check.ResponseBytes(Generated())),
            ("AIFunctionFactory", Check.ResponseBytes(AIFunctionFactory())),
        ]);
    }

    [Benchmark(Baseline = true, Description = "Hand-written floor (FunctionResponse)")]
    public FunctionResponse HandWrittenFloor() => HandWritten.InvokeOrder(_call);

    [Benchmark(Description = "Generated dispatcher")]
    public FunctionResponse Generated() => Sync.Result(_generated.InvokeAsync(_call, CancellationToken.None));

    [Benchmark(Description = "AIFunctionFactory + InvokeAsync")]
    public FunctionResponse AIFunctionFactory() => MeaiAdapter.Invoke(_meai, _call);
}

/// <summary>Dispatch of the last of 20 tools in one class: the name switch.</summary>
[MemoryDiagnoser]
public class DispatchTwentyToolsBenchmarks
{
    private FunctionCall _call = null!;
    private ILiveToolSet _generated = null!;
    private Dictionary<string, AIFunction> _meai = null!;

    [GlobalSetup]
    public void Setup()
    {
        _call = Check.ParseCall(DispatchCalls.Twenty);
        _generated = new TwentyBenchTools();
        var target = new TwentyBenchTools();
        _meai = new Dictionary<string, AIFunction>(StringComparer.Ordinal);
        for (int i = 0; i < 20; i++)
        {
            string name = $"tool{i:00}";
            _meai[name] = MeaiAdapter.Create(typeof(TwentyBenchTools), $"Tool{i:00}", target, name);
        }

        Check.SameBytes("dispatch tool19 of 20", [
            ("hand-written floor", Check.ResponseBytes(HandWritten.InvokeTwenty(_call))),
            ("generated", Check.ResponseBytes(Generated())),
            ("AIFunctionFactory", Check.ResponseBytes(AIFunctionFactory())),
        ]);
    }

    [Benchmark(Baseline = true, Description = "Hand-written floor (FunctionResponse)")]
    public FunctionResponse HandWrittenFloor() => HandWritten.InvokeTwenty(_call);

    [Benchmark(Description = "Generated dispatcher")]
    public FunctionResponse Generated() => Sync.Result(_generated.InvokeAsync(_call, CancellationToken.None));

    [Benchmark(Description = "AIFunctionFactory + InvokeAsync")]
    public FunctionResponse AIFunctionFactory() => MeaiAdapter.Invoke(_meai[_call.Name!], _call);
}

/// <summary>
/// The nested tool read other ways (issue 17, see <see cref="NestedReadVariants"/>), against the generated dispatcher;
/// and, for scale, what parsing the arguments into a <see cref="System.Text.Json.JsonElement"/> costs the receive path.
/// </summary>
[MemoryDiagnoser]
public class DispatchNestedVariantsBenchmarks
{
    private FunctionCall _call = null!;
    private ILiveToolSet _generated = null!;
    private byte[] _argsUtf8 = null!;

    [GlobalSetup]
    public void Setup()
    {
        _call = Check.ParseCall(DispatchCalls.Order);
        _generated = new OrderBenchTools();
        _argsUtf8 = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(_call.Args!.Value).ToArray();
        Check.SameBytes("place_order read variants", [
            ("generated", Check.ResponseBytes(Generated())),
            ("one Utf8JsonReader pass", Check.ResponseBytes(OnePassReader())),
            ("one EnumerateObject pass", Check.ResponseBytes(OneEnumeratePass())),
        ]);
    }

    [Benchmark(Baseline = true, Description = "Generated dispatcher (TryGetProperty per member)")]
    public FunctionResponse Generated() => Sync.Result(_generated.InvokeAsync(_call, CancellationToken.None));

    [Benchmark(Description = "One Utf8JsonReader pass over the args")]
    public FunctionResponse OnePassReader() => NestedReadVariants.OnePassReader(_call);

    [Benchmark(Description = "One EnumerateObject pass per object")]
    public FunctionResponse OneEnumeratePass() => NestedReadVariants.OneEnumeratePass(_call);

    [Benchmark(Description = "Receive path: args parsed into a JsonElement")]
    public System.Text.Json.JsonElement ParseArgs() => NestedReadVariants.ParseArgs(_argsUtf8);
}
