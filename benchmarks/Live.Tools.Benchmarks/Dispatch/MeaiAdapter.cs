using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Live.Benchmarks.Support;
using Microsoft.Extensions.AI;

namespace Live.Benchmarks.Dispatch;

/// <summary>
/// What a user would write with Microsoft.Extensions.AI: <see cref="AIFunctionFactory.Create(System.Reflection.MethodInfo, object?, AIFunctionFactoryOptions?)"/>
/// over the same method, the call's arguments put into <see cref="AIFunctionArguments"/> as JsonElements (as ME.AI's chat
/// clients do), <see cref="AIFunction.InvokeAsync"/>, and the result written as <c>{"output":…}</c> UTF-8.
/// </summary>
public static class MeaiAdapter
{
    /// <summary>Options matching the wire names of the generated code: snake_case properties and enum values.</summary>
    public static JsonSerializerOptions SerializerOptions { get; } = CreateOptions();

    public static AIFunction Create(Type type, string methodName, object target, string toolName) =>
        AIFunctionFactory.Create(
            type.GetMethod(methodName) ?? throw new MissingMethodException(type.Name, methodName),
            target,
            new AIFunctionFactoryOptions { Name = toolName, SerializerOptions = SerializerOptions });

    public static FunctionResponse Invoke(AIFunction function, FunctionCall call)
    {
        var arguments = new AIFunctionArguments();
        if (call.Args is { ValueKind: JsonValueKind.Object } args)
        {
            foreach (JsonProperty property in args.EnumerateObject())
            {
                arguments[property.Name] = property.Value;
            }
        }

        ValueTask<object?> pending = function.InvokeAsync(arguments);
        object? result = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
        Utf8JsonWriter writer = ReusedWriter.Rent();
        writer.WriteStartObject();
        writer.WritePropertyName("output"u8);
        if (result is JsonElement element)
        {
            element.WriteTo(writer);
        }
        else
        {
            JsonSerializer.Serialize(writer, result, SerializerOptions);
        }

        writer.WriteEndObject();
        writer.Flush();
        return FunctionResponse.FromUtf8Json(call.Id, call.Name, ReusedWriter.Written.ToArray());
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.MakeReadOnly();
        return options;
    }
}
