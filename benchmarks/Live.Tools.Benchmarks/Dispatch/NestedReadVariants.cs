using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Text.Json;
using Live.Benchmarks.Tools;
using Live.Tools;

namespace Live.Benchmarks.Dispatch;

/// <summary>
/// Other ways the generated code could read <c>place_order</c>'s arguments (issue 17), kept to measure them against the
/// generated dispatcher, which looks every member up with <see cref="JsonElement.TryGetProperty(ReadOnlySpan{byte}, out JsonElement)"/>
/// in the document the receive path already built. Each writes its answer with the library's
/// <see cref="LiveToolResponses.Output{T}(FunctionCall, T, Action{Utf8JsonWriter, T})"/>, as the generated code does, so
/// only the reading differs.
/// </summary>
public static class NestedReadVariants
{
    /// <summary>
    /// One forward <see cref="Utf8JsonReader"/> pass over the arguments' UTF-8 (no copy). Without the generated code's
    /// error reporting (a wrong kind throws), so it is a lower bound for that design.
    /// </summary>
    public static FunctionResponse OnePassReader(FunctionCall call)
    {
        if (!LiveToolArgs.TryGetArgs(call, out JsonElement args, out FunctionResponse? invalid))
        {
            return invalid;
        }

        var reader = new Utf8JsonReader(JsonMarshal.GetRawUtf8Value(args));
        reader.Read();
        Customer? customer = null;
        List<OrderLine>? lines = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("customer"u8))
            {
                reader.Read();
                customer = ReadCustomer(ref reader);
            }
            else if (reader.ValueTextEquals("lines"u8))
            {
                reader.Read();
                lines = [];
                while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    lines.Add(ReadLine(ref reader));
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        OrderSummary summary = ToolBodies.PlaceOrder(
            customer ?? throw new InvalidOperationException("customer missing"), lines ?? throw new InvalidOperationException("lines missing"));
        return LiveToolResponses.Output(call, summary, WriteSummary);
    }

    /// <summary>
    /// The generated code's shape with one <see cref="JsonElement.EnumerateObject"/> pass per object instead of a
    /// lookup per member: the pass keeps the last value of each name (as a lookup finds), then the members are read
    /// and checked in declaration order with the same readers and errors.
    /// </summary>
    public static FunctionResponse OneEnumeratePass(FunctionCall call)
    {
        if (!LiveToolArgs.TryGetArgs(call, out JsonElement args, out FunctionResponse? invalid))
        {
            return invalid;
        }

        JsonElement customerValue = default;
        JsonElement linesValue = default;
        foreach (JsonProperty property in args.EnumerateObject())
        {
            if (property.NameEquals("customer"u8))
            {
                customerValue = property.Value;
            }
            else if (property.NameEquals("lines"u8))
            {
                linesValue = property.Value;
            }
        }

        LiveToolArgumentError? error;
        if (customerValue.ValueKind == JsonValueKind.Undefined)
        {
            return LiveToolResponses.ArgumentError(call, LiveToolArgumentError.MissingParameter("customer"));
        }

        if (!TryReadCustomer(customerValue, out Customer customer, out error))
        {
            return LiveToolResponses.ArgumentError(call, error.InProperty("customer"));
        }

        if (linesValue.ValueKind == JsonValueKind.Undefined)
        {
            return LiveToolResponses.ArgumentError(call, LiveToolArgumentError.MissingParameter("lines"));
        }

        if (!LiveToolArgs.IsArray(linesValue, out error))
        {
            return LiveToolResponses.ArgumentError(call, error.InProperty("lines"));
        }

        var lines = new List<OrderLine>(linesValue.GetArrayLength());
        int index = 0;
        foreach (JsonElement item in linesValue.EnumerateArray())
        {
            if (!TryReadLine(item, out OrderLine line, out error))
            {
                return LiveToolResponses.ArgumentError(call, error.InItem(index).InProperty("lines"));
            }

            lines.Add(line);
            index++;
        }

        return LiveToolResponses.Output(call, ToolBodies.PlaceOrder(customer, lines), WriteSummary);
    }

    /// <summary>What the receive path pays before any dispatch: the arguments parsed into a <see cref="JsonElement"/>.</summary>
    public static JsonElement ParseArgs(ReadOnlySpan<byte> argsUtf8)
    {
        var reader = new Utf8JsonReader(argsUtf8);
        reader.Read();
        return JsonElement.ParseValue(ref reader);
    }

    private static bool TryReadCustomer(JsonElement element, out Customer result, [NotNullWhen(false)] out LiveToolArgumentError? error)
    {
        result = null!;
        if (!LiveToolArgs.IsObject(element, out error))
        {
            return false;
        }

        JsonElement nameValue = default;
        JsonElement emailValue = default;
        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (property.NameEquals("name"u8))
            {
                nameValue = property.Value;
            }
            else if (property.NameEquals("email"u8))
            {
                emailValue = property.Value;
            }
        }

        if (nameValue.ValueKind == JsonValueKind.Undefined)
        {
            error = LiveToolArgumentError.MissingProperty("name");
            return false;
        }

        if (!LiveToolArgs.TryReadString(nameValue, out string name, out error))
        {
            error = error.InProperty("name");
            return false;
        }

        if (emailValue.ValueKind == JsonValueKind.Undefined)
        {
            error = LiveToolArgumentError.MissingProperty("email");
            return false;
        }

        if (!LiveToolArgs.TryReadString(emailValue, out string email, out error))
        {
            error = error.InProperty("email");
            return false;
        }

        result = new Customer(name, email);
        return true;
    }

    private static bool TryReadLine(JsonElement element, out OrderLine result, [NotNullWhen(false)] out LiveToolArgumentError? error)
    {
        result = null!;
        if (!LiveToolArgs.IsObject(element, out error))
        {
            return false;
        }

        JsonElement skuValue = default;
        JsonElement quantityValue = default;
        JsonElement unitCentsValue = default;
        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (property.NameEquals("sku"u8))
            {
                skuValue = property.Value;
            }
            else if (property.NameEquals("quantity"u8))
            {
                quantityValue = property.Value;
            }
            else if (property.NameEquals("unit_cents"u8))
            {
                unitCentsValue = property.Value;
            }
        }

        if (skuValue.ValueKind == JsonValueKind.Undefined)
        {
            error = LiveToolArgumentError.MissingProperty("sku");
            return false;
        }

        if (!LiveToolArgs.TryReadString(skuValue, out string sku, out error))
        {
            error = error.InProperty("sku");
            return false;
        }

        if (quantityValue.ValueKind == JsonValueKind.Undefined)
        {
            error = LiveToolArgumentError.MissingProperty("quantity");
            return false;
        }

        if (!LiveToolArgs.TryReadInt32(quantityValue, out int quantity, out error))
        {
            error = error.InProperty("quantity");
            return false;
        }

        if (unitCentsValue.ValueKind == JsonValueKind.Undefined)
        {
            error = LiveToolArgumentError.MissingProperty("unit_cents");
            return false;
        }

        if (!LiveToolArgs.TryReadInt32(unitCentsValue, out int unitCents, out error))
        {
            error = error.InProperty("unit_cents");
            return false;
        }

        result = new OrderLine(sku, quantity, unitCents);
        return true;
    }

    private static Customer ReadCustomer(ref Utf8JsonReader reader)
    {
        string? name = null;
        string? email = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                name = reader.GetString();
            }
            else if (reader.ValueTextEquals("email"u8))
            {
                reader.Read();
                email = reader.GetString();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new Customer(name ?? throw new InvalidOperationException("name missing"), email ?? throw new InvalidOperationException("email missing"));
    }

    private static OrderLine ReadLine(ref Utf8JsonReader reader)
    {
        string? sku = null;
        int quantity = 0;
        int unitCents = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("sku"u8))
            {
                reader.Read();
                sku = reader.GetString();
            }
            else if (reader.ValueTextEquals("quantity"u8))
            {
                reader.Read();
                quantity = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("unit_cents"u8))
            {
                reader.Read();
                unitCents = reader.GetInt32();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new OrderLine(sku ?? throw new InvalidOperationException("sku missing"), quantity, unitCents);
    }

    private static void WriteSummary(Utf8JsonWriter writer, OrderSummary summary)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("customer"u8);
        writer.WriteStringValue(summary.Customer);
        writer.WritePropertyName("items"u8);
        writer.WriteNumberValue(summary.Items);
        writer.WritePropertyName("total_cents"u8);
        writer.WriteNumberValue(summary.TotalCents);
        writer.WriteEndObject();
    }
}
