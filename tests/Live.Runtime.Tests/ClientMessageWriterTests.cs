using System.Buffers;
using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Live.Runtime.Tests.Infrastructure;
using Live.Serialization;
using Live.Wire;

namespace Live.Runtime.Tests;

/// <summary>
/// <see cref="ClientMessageWriter"/> against the source-generated serializer it replaces on the send path: generated
/// messages (every property set and unset, random combinations, awkward strings and numbers, extension data, nulls in
/// lists, deep and cyclic schemas, small depth limits) are written both ways with the connection's writer settings and
/// must give the same bytes, or both fail with the same exception.
/// </summary>
public class ClientMessageWriterTests
{
    private const int DefaultDepth = LiveJsonContext.DefaultMaxDepth;

    [Fact]
    public void A_message_with_every_property_set_is_written_as_the_serializer_writes_it()
    {
        var generator = new MessageGenerator(new Random(17), fill: 1.0);
        LiveClientMessage message = generator.Everything();
        AssertEveryPropertySet(message);
        byte[] expected = AssertSame(message, DefaultDepth);
        Assert.True(expected.Length > 2000, "the full message is not trivially small");
    }

    [Fact]
    public void An_empty_message_and_empty_members_are_written_as_the_serializer_writes_them()
    {
        AssertSame(new LiveClientMessage(), DefaultDepth);
        AssertSame(
            new LiveClientMessage
            {
                Setup = new LiveClientSetup
                {
                    GenerationConfig = new GenerationConfig { ResponseModalities = [], AdditionalProperties = new Dictionary<string, JsonElement>() },
                    Tools = [],
                    SystemInstruction = new Content { Parts = [] },
                    AdditionalProperties = new Dictionary<string, JsonElement>(),
                },
                ClientContent = new LiveClientContent(),
                RealtimeInput = new LiveClientRealtimeInput { MediaChunks = [] },
                ToolResponse = new LiveClientToolResponse { FunctionResponses = [] },
                ContextUpdate = new LiveClientContextUpdate { Tools = new LiveToolsUpdate { Tools = null! } },
            },
            DefaultDepth);
    }

    [Fact]
    public void Random_messages_are_written_as_the_serializer_writes_them()
    {
        var random = new Random(20261202);
        var clock = Stopwatch.StartNew();
        int written = 0;
        int failed = 0;
        for (int i = 0; i < 4000 && clock.Elapsed < TimeSpan.FromSeconds(20); i++)
        {
            var generator = new MessageGenerator(random, fill: random.NextDouble());
            LiveClientMessage message = generator.Message();
            int depth = random.Next(4) == 0 ? random.Next(1, 14) : DefaultDepth;
            if (AssertSameOrSameFailure(message, depth))
            {
                written++;
            }
            else
            {
                failed++;
            }
        }

        Assert.True(written > 100, $"only {written} messages were written without an exception");
        Assert.True(failed > 10, $"only {failed} messages failed both ways (depth limits, bad enums, bad numbers)");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(64)]
    public void A_schema_nested_past_the_depth_limit_fails_the_same_way(int depth)
    {
        Schema schema = new() { Type = SchemaType.String };
        for (int i = 0; i < 80; i++)
        {
            schema = i % 2 == 0
                ? new Schema { Type = SchemaType.Array, Items = schema }
                : new Schema { Type = SchemaType.Object, Properties = new Dictionary<string, Schema> { ["p"] = schema } };
        }

        var message = new LiveClientMessage
        {
            Setup = new LiveClientSetup { Model = "m", Tools = [Tool.FromFunctions(new FunctionDeclaration { Name = "f", Parameters = schema })] },
        };
        Assert.False(AssertSameOrSameFailure(message, depth));
    }

    [Fact]
    public void A_cyclic_schema_fails_with_a_JsonException_as_it_did()
    {
        var schema = new Schema { Type = SchemaType.Object };
        schema.Properties = new Dictionary<string, Schema> { ["self"] = schema };
        var message = new LiveClientMessage { Setup = new LiveClientSetup { Tools = [Tool.FromFunctions(new FunctionDeclaration { Name = "f", Parameters = schema })] } };
        Assert.False(AssertSameOrSameFailure(message, DefaultDepth));
        Assert.Throws<JsonException>(() => WriteByHand(message, DefaultDepth));
    }

    [Fact]
    public void Every_enum_value_has_the_converter_s_wire_name_and_an_unknown_value_fails_the_same_way()
    {
        foreach (Modality value in EnumValues<Modality>())
        {
            AssertSameOrSameFailure(new LiveClientMessage { Setup = new LiveClientSetup { GenerationConfig = new GenerationConfig { ResponseModalities = [value] } } }, DefaultDepth);
        }

        foreach (MediaResolution value in EnumValues<MediaResolution>())
        {
            AssertSameOrSameFailure(new LiveClientMessage { Setup = new LiveClientSetup { GenerationConfig = new GenerationConfig { MediaResolution = value } } }, DefaultDepth);
        }

        foreach (ThinkingLevel value in EnumValues<ThinkingLevel>())
        {
            AssertSameOrSameFailure(new LiveClientMessage { Setup = new LiveClientSetup { GenerationConfig = new GenerationConfig { ThinkingConfig = new ThinkingConfig { ThinkingLevel = value } } } }, DefaultDepth);
        }

        foreach (ActivityHandling value in EnumValues<ActivityHandling>())
        {
            AssertSameOrSameFailure(new LiveClientMessage { Setup = new LiveClientSetup { RealtimeInputConfig = new RealtimeInputConfig { ActivityHandling = value } } }, DefaultDepth);
        }

        foreach (TurnCoverage value in EnumValues<TurnCoverage>())
        {
            AssertSameOrSameFailure(new LiveClientMessage { Setup = new LiveClientSetup { RealtimeInputConfig = new RealtimeInputConfig { TurnCoverage = value } } }, DefaultDepth);
        }

        foreach (StartSensitivity value in EnumValues<StartSensitivity>())
        {
            AssertSameOrSameFailure(new LiveClientMessage { Setup = new LiveClientSetup { RealtimeInputConfig = new RealtimeInputConfig { AutomaticActivityDetection = new AutomaticActivityDetection { StartOfSpeechSensitivity = value } } } }, DefaultDepth);
        }

        foreach (EndSensitivity value in EnumValues<EndSensitivity>())
        {
            AssertSameOrSameFailure(new LiveClientMessage { Setup = new LiveClientSetup { RealtimeInputConfig = new RealtimeInputConfig { AutomaticActivityDetection = new AutomaticActivityDetection { EndOfSpeechSensitivity = value } } } }, DefaultDepth);
        }

        foreach (SchemaType value in EnumValues<SchemaType>())
        {
            AssertSameOrSameFailure(new LiveClientMessage { Setup = new LiveClientSetup { Tools = [Tool.FromFunctions(new FunctionDeclaration { Parameters = new Schema { Type = value } })] } }, DefaultDepth);
        }

        foreach (Behavior value in EnumValues<Behavior>())
        {
            AssertSameOrSameFailure(new LiveClientMessage { Setup = new LiveClientSetup { Tools = [Tool.FromFunctions(new FunctionDeclaration { Behavior = value })] } }, DefaultDepth);
        }

        foreach (Language value in EnumValues<Language>())
        {
            AssertSameOrSameFailure(Turn(new Part { ExecutableCode = new ExecutableCode { Language = value } }), DefaultDepth);
        }

        foreach (Outcome value in EnumValues<Outcome>())
        {
            AssertSameOrSameFailure(Turn(new Part { CodeExecutionResult = new CodeExecutionResult { Outcome = value } }), DefaultDepth);
        }

        Assert.Throws<JsonException>(() => WriteByHand(new LiveClientMessage { Setup = new LiveClientSetup { GenerationConfig = new GenerationConfig { MediaResolution = (MediaResolution)99 } } }, DefaultDepth));
    }

    [Fact]
    public void Numbers_the_writer_refuses_fail_the_same_way()
    {
        foreach (double value in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            Assert.False(AssertSameOrSameFailure(new LiveClientMessage { Setup = new LiveClientSetup { GenerationConfig = new GenerationConfig { Temperature = value } } }, DefaultDepth));
            Assert.False(AssertSameOrSameFailure(new LiveClientMessage { Setup = new LiveClientSetup { Tools = [Tool.FromFunctions(new FunctionDeclaration { Parameters = new Schema { Maximum = value } })] } }, DefaultDepth));
        }
    }

    [Fact]
    public void Json_elements_that_are_null_or_undefined_are_written_as_the_serializer_writes_them()
    {
        JsonElement jsonNull = JsonDocument.Parse("null").RootElement.Clone();
        AssertSameOrSameFailure(new LiveClientMessage { Setup = new LiveClientSetup { Tools = [Tool.FromFunctions(new FunctionDeclaration { ParametersJsonSchema = jsonNull })] } }, DefaultDepth);
        AssertSameOrSameFailure(new LiveClientMessage { Setup = new LiveClientSetup { Tools = [Tool.FromFunctions(new FunctionDeclaration { ParametersJsonSchema = default(JsonElement) })] } }, DefaultDepth);
        AssertSameOrSameFailure(new LiveClientMessage { Setup = new LiveClientSetup { AdditionalProperties = new Dictionary<string, JsonElement> { ["x"] = jsonNull } } }, DefaultDepth);
        AssertSameOrSameFailure(new LiveClientMessage { Setup = new LiveClientSetup { AdditionalProperties = new Dictionary<string, JsonElement> { ["x"] = default } } }, DefaultDepth);
    }

    private static LiveClientMessage Turn(Part part) =>
        new() { ClientContent = new LiveClientContent { Turns = [new Content { Parts = [part] }], TurnComplete = true } };

    private static IEnumerable<T> EnumValues<T>()
        where T : struct, Enum =>
        Enum.GetValues<T>().Append((T)(object)77);

    /// <summary>Both writers give the same bytes; returns them.</summary>
    private static byte[] AssertSame(LiveClientMessage message, int depth)
    {
        byte[] expected = WriteWithMetadata(message, depth);
        byte[] actual = WriteByHand(message, depth);
        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(actual));
        Assert.Equal(expected, actual);
        return actual;
    }

    /// <summary>Both give the same bytes (true) or both throw the same exception type with the same message start (false).</summary>
    private static bool AssertSameOrSameFailure(LiveClientMessage message, int depth)
    {
        Exception? expectedError = null;
        Exception? actualError = null;
        byte[]? expected = null;
        byte[]? actual = null;
        try
        {
            expected = WriteWithMetadata(message, depth);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            expectedError = ex;
        }

        try
        {
            actual = WriteByHand(message, depth);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            actualError = ex;
        }

        if (expectedError is null && actualError is null)
        {
            Assert.Equal(Encoding.UTF8.GetString(expected!), Encoding.UTF8.GetString(actual!));
            Assert.Equal(expected, actual);
            return true;
        }

        Assert.True(expectedError is not null, $"only the hand-written writer failed: {actualError}");
        Assert.True(actualError is not null, $"only the serializer failed: {expectedError}");
        Assert.Equal(expectedError.GetType(), actualError.GetType());
        Assert.Equal(expectedError.Message, actualError.Message);
        Assert.Equal((expectedError as JsonException)?.Path, (actualError as JsonException)?.Path);
        return false;
    }

    private static byte[] WriteWithMetadata(LiveClientMessage message, int depth)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = MinimalJsonEncoder.Instance }))
        {
            JsonSerializer.Serialize(writer, message, LiveJsonContext.Create(depth).LiveClientMessage);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] WriteByHand(LiveClientMessage message, int depth)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = MinimalJsonEncoder.Instance }))
        {
            ClientMessageWriter.Write(writer, message, LiveJsonContext.Create(depth));
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Walks the message through every readable property of the wire types (reflection, in the test only): each property
    /// of each type must be set (not null, not empty) somewhere in the message, so a property added to a wire type and
    /// not to <see cref="MessageGenerator.Everything"/> fails here (and then the byte comparison, until the writer has it).
    /// </summary>
    private static void AssertEveryPropertySet(object root)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var properties = new HashSet<PropertyInfo>();
        var set = new HashSet<PropertyInfo>();
        var stack = new Stack<object>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            object value = stack.Pop();
            Type type = value.GetType();
            if (type.Namespace is not ("Live" or "Live.Wire") || type.IsEnum || !seen.Add(value))
            {
                continue;
            }

            foreach (PropertyInfo property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetIndexParameters().Length > 0
                    || (type == typeof(FunctionResponse) && property.Name is nameof(FunctionResponse.ToolException) or nameof(FunctionResponse.IsError)))
                {
                    continue; // not on the wire (FunctionResponseConverter writes id, name, response, scheduling, willContinue, parts)
                }

                properties.Add(property);
                object? member = property.GetValue(value);
                switch (member)
                {
                    case null:
                        break;
                    case JsonNode:
                        set.Add(property);
                        break;
                    case System.Collections.IDictionary dictionary:
                        foreach (System.Collections.DictionaryEntry entry in dictionary)
                        {
                            set.Add(property);
                            if (entry.Value is not null)
                            {
                                stack.Push(entry.Value);
                            }
                        }

                        break;
                    case System.Collections.IEnumerable items and not string:
                        foreach (object? item in items)
                        {
                            set.Add(property);
                            if (item is not null)
                            {
                                stack.Push(item);
                            }
                        }

                        break;
                    case ReadOnlyMemory<byte> bytes:
                        if (bytes.Length > 0)
                        {
                            set.Add(property);
                        }

                        break;
                    default:
                        set.Add(property);
                        if (!member.GetType().IsValueType)
                        {
                            stack.Push(member);
                        }

                        break;
                }
            }
        }

        string[] unset = [.. properties.Except(set).Select(p => $"{p.DeclaringType!.Name}.{p.Name}").Order(StringComparer.Ordinal)];
        Assert.True(unset.Length == 0, "not set anywhere by MessageGenerator.Everything: " + string.Join(", ", unset));
        Assert.True(properties.Count > 100, $"only {properties.Count} properties were reached");
    }
}
