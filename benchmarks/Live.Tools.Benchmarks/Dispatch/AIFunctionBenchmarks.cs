using BenchmarkDotNet.Attributes;
using Live.Benchmarks.Support;
using Live.Benchmarks.Tools;
using Live.Extensions.AI;
using Microsoft.Extensions.AI;

namespace Live.Benchmarks.Dispatch;

/// <summary>
/// The same method as an <see cref="AIFunction"/> two ways, invoked the same way (arguments as JsonElements in
/// <see cref="AIFunctionArguments"/>, <see cref="AIFunction.InvokeAsync"/>, result written as <c>{"output":…}</c>):
/// <c>AsAIFunctions()</c> over the generated tool set (schema from the declaration, the generated dispatcher) against
/// <c>AIFunctionFactory.Create</c> over the <see cref="System.Reflection.MethodInfo"/>. The first call in a fresh process
/// is measured by the cold-start mode (approaches "asaifunctions" and "aifunctionfactory").
/// </summary>
[MemoryDiagnoser]
public class AIFunctionWeatherBenchmarks
{
    private FunctionCall _call = null!;
    private AIFunction _generated = null!;
    private AIFunction _factory = null!;

    [GlobalSetup]
    public void Setup()
    {
        _call = Check.ParseCall(DispatchCalls.Weather);
        _generated = new WeatherBenchTools().AsAIFunctions()[0];
        _factory = MeaiAdapter.Create(typeof(WeatherBenchTools), nameof(WeatherBenchTools.GetWeather), new WeatherBenchTools(), "get_weather");
        Check.SameBytes("AIFunction get_weather", [
            ("AsAIFunctions", Check.ResponseBytes(AsAIFunctions())),
            ("AIFunctionFactory", Check.ResponseBytes(AIFunctionFactory())),
        ]);
    }

    [Benchmark(Baseline = true, Description = "AIFunctionFactory.Create + InvokeAsync")]
    public FunctionResponse AIFunctionFactory() => MeaiAdapter.Invoke(_factory, _call);

    [Benchmark(Description = "AsAIFunctions() + InvokeAsync")]
    public FunctionResponse AsAIFunctions() => MeaiAdapter.Invoke(_generated, _call);

    [Benchmark(Description = "AIFunctionFactory.Create (build only)")]
    public AIFunction BuildFactory() => MeaiAdapter.Create(typeof(WeatherBenchTools), nameof(WeatherBenchTools.GetWeather), new WeatherBenchTools(), "get_weather");

    [Benchmark(Description = "AsAIFunctions() (build only)")]
    public IReadOnlyList<AIFunction> BuildGenerated() => new WeatherBenchTools().AsAIFunctions();
}
