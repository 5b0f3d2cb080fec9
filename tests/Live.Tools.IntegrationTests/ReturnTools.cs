using System.Text.Json.Serialization;

namespace Live.Tools.IntegrationTests;

/// <summary>A result written by the user's JSON context.</summary>
public sealed class ContextResult
{
    public string? DisplayName { get; set; }

    public int Count { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ContextResult))]
internal sealed partial class ResultJsonContext : JsonSerializerContext
{
}

/// <summary>One tool per return-type kind.</summary>
[LiveToolJsonContext(typeof(ResultJsonContext))]
public partial class ReturnTools
{
    public int Touched { get; private set; }

    [LiveTool] public void DoVoid() => Touched++;

    [LiveTool] public async Task DoTaskAsync()
    {
        await Task.Yield();
        Touched++;
    }

    [LiveTool] public ValueTask DoValueTaskAsync()
    {
        Touched++;
        return default;
    }

    [LiveTool] public int GetValue() => 42;

    [LiveTool] public async Task<string> GetTaskAsync()
    {
        await Task.Yield();
        return "from task";
    }

    [LiveTool] public ValueTask<bool> GetValueTaskAsync() => new(true);

    [LiveTool] public string? GetNull() => null;

    [LiveTool] public int? GetNullableInt() => null;

    [LiveTool] public ContextResult GetFromContext() => new() { DisplayName = "Ada", Count = 3 };

    [LiveTool] public double GetNotANumber() => double.NaN;
}
