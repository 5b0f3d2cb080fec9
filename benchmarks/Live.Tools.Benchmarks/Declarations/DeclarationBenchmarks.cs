using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Live.Benchmarks.Dispatch;
using Live.Benchmarks.Tools;
using Microsoft.Extensions.AI;

namespace Live.Benchmarks.Declarations;

/// <summary>
/// Getting a tool's declaration: the generated static (built once per type) against <c>AIFunctionFactory.Create</c>,
/// which builds the JSON schema by reflection on each call. The outputs are different formats (a Gemini <c>Schema</c>
/// vs a JSON schema), so the check compares what both must agree on: the name, the description, the parameter names
/// and which are required.
/// </summary>
[MemoryDiagnoser]
public class DeclarationBenchmarks
{
    [GlobalSetup]
    public void Setup()
    {
        FunctionDeclaration generated = Generated()[0];
        AIFunction meai = AIFunctionFactoryCreate();
        JsonElement schema = meai.JsonSchema;
        string Summary(string name, string? description, IEnumerable<string> parameters, IEnumerable<string> required) =>
            $"{name}|{description}|{string.Join(",", parameters.Order(StringComparer.Ordinal))}|{string.Join(",", required.Order(StringComparer.Ordinal))}";
        string fromGenerated = Summary(
            generated.Name!, generated.Description, generated.Parameters!.Properties!.Keys, generated.Parameters.Required ?? []);
        string fromMeai = Summary(
            meai.Name,
            meai.Description,
            schema.GetProperty("properties").EnumerateObject().Select(p => p.Name),
            schema.TryGetProperty("required", out JsonElement r) ? r.EnumerateArray().Select(e => e.GetString()!) : []);
        Support.Check.SameBytes("declaration of get_weather", [
            ("generated", System.Text.Encoding.UTF8.GetBytes(fromGenerated)),
            ("AIFunctionFactory.Create", System.Text.Encoding.UTF8.GetBytes(fromMeai)),
        ]);
    }

    [Benchmark(Baseline = true, Description = "Generated LiveFunctionDeclarations")]
    public IReadOnlyList<FunctionDeclaration> Generated() => WeatherBenchTools.LiveFunctionDeclarations;

    [Benchmark(Description = "AIFunctionFactory.Create (schema by reflection)")]
    public AIFunction AIFunctionFactoryCreate() =>
        MeaiAdapter.Create(typeof(WeatherBenchTools), nameof(WeatherBenchTools.GetWeather), new WeatherBenchTools(), "get_weather");
}
