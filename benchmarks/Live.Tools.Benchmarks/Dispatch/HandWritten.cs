using System.Runtime.InteropServices;
using System.Text.Json;
using Live.Benchmarks.Support;
using Live.Benchmarks.Tools;

namespace Live.Benchmarks.Dispatch;

/// <summary>
/// The floor: hand-written <see cref="Utf8JsonReader"/>/<see cref="Utf8JsonWriter"/> code for exactly these tools, with
/// no error reporting beyond throwing. <c>Write…</c> leaves <c>{"output":…}</c> in the reused buffer (the physical
/// limit); <c>Invoke…</c> also hands it over as a <see cref="FunctionResponse"/>, the same product as the generated code.
/// </summary>
public static class HandWritten
{
    public static FunctionResponse InvokeWeather(FunctionCall call)
    {
        WriteWeather(call);
        return FunctionResponse.FromUtf8Json(call.Id, call.Name, ReusedWriter.Written.ToArray());
    }

    public static FunctionResponse InvokeOrder(FunctionCall call)
    {
        WriteOrder(call);
        return FunctionResponse.FromUtf8Json(call.Id, call.Name, ReusedWriter.Written.ToArray());
    }

    public static FunctionResponse InvokeTwenty(FunctionCall call)
    {
        WriteTwenty(call);
        return FunctionResponse.FromUtf8Json(call.Id, call.Name, ReusedWriter.Written.ToArray());
    }

    public static int WriteWeather(FunctionCall call)
    {
        if (call.Name != "get_weather")
        {
            throw new InvalidOperationException("unknown tool");
        }

        var reader = new Utf8JsonReader(JsonMarshal.GetRawUtf8Value(call.Args!.Value));
        reader.Read();
        string? location = null;
        TemperatureUnit unit = TemperatureUnit.Celsius;
        int days = 1;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("location"u8))
            {
                reader.Read();
                location = reader.GetString();
            }
            else if (reader.ValueTextEquals("unit"u8))
            {
                reader.Read();
                unit = ReadUnit(ref reader);
            }
            else if (reader.ValueTextEquals("days"u8))
            {
                reader.Read();
                days = reader.GetInt32();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        WeatherReport report = ToolBodies.GetWeather(location ?? throw new InvalidOperationException("location missing"), unit, days);
        return WriteOutput(report);
    }

    public static int WriteOrder(FunctionCall call)
    {
        if (call.Name != "place_order")
        {
            throw new InvalidOperationException("unknown tool");
        }

        var reader = new Utf8JsonReader(JsonMarshal.GetRawUtf8Value(call.Args!.Value));
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
        Utf8JsonWriter writer = ReusedWriter.Rent();
        writer.WriteStartObject();
        writer.WriteStartObject("output"u8);
        writer.WriteString("customer"u8, summary.Customer);
        writer.WriteNumber("items"u8, summary.Items);
        writer.WriteNumber("total_cents"u8, summary.TotalCents);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.Flush();
        return (int)writer.BytesCommitted;
    }

    public static int WriteTwenty(FunctionCall call)
    {
        int index;
        switch (call.Name)
        {
            case "tool00":
                index = 0;
                break;
            case "tool01":
                index = 1;
                break;
            case "tool02":
                index = 2;
                break;
            case "tool03":
                index = 3;
                break;
            case "tool04":
                index = 4;
                break;
            case "tool05":
                index = 5;
                break;
            case "tool06":
                index = 6;
                break;
            case "tool07":
                index = 7;
                break;
            case "tool08":
                index = 8;
                break;
            case "tool09":
                index = 9;
                break;
            case "tool10":
                index = 10;
                break;
            case "tool11":
                index = 11;
                break;
            case "tool12":
                index = 12;
                break;
            case "tool13":
                index = 13;
                break;
            case "tool14":
                index = 14;
                break;
            case "tool15":
                index = 15;
                break;
            case "tool16":
                index = 16;
                break;
            case "tool17":
                index = 17;
                break;
            case "tool18":
                index = 18;
                break;
            case "tool19":
                index = 19;
                break;
            default:
                throw new InvalidOperationException("unknown tool");
        }

        var reader = new Utf8JsonReader(JsonMarshal.GetRawUtf8Value(call.Args!.Value));
        reader.Read();
        string? location = null;
        int days = 1;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("location"u8))
            {
                reader.Read();
                location = reader.GetString();
            }
            else if (reader.ValueTextEquals("days"u8))
            {
                reader.Read();
                days = reader.GetInt32();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return WriteOutput(ToolBodies.Numbered(index, location ?? throw new InvalidOperationException("location missing"), days));
    }

    private static int WriteOutput(WeatherReport report)
    {
        Utf8JsonWriter writer = ReusedWriter.Rent();
        writer.WriteStartObject();
        writer.WriteStartObject("output"u8);
        writer.WriteString("location"u8, report.Location);
        writer.WriteNumber("temperature"u8, report.Temperature);
        writer.WriteString("unit"u8, report.Unit == TemperatureUnit.Celsius ? "celsius"u8 : "fahrenheit"u8);
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.Flush();
        return (int)writer.BytesCommitted;
    }

    private static TemperatureUnit ReadUnit(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("celsius"u8))
        {
            return TemperatureUnit.Celsius;
        }

        if (reader.ValueTextEquals("fahrenheit"u8))
        {
            return TemperatureUnit.Fahrenheit;
        }

        throw new InvalidOperationException("bad unit");
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
}
