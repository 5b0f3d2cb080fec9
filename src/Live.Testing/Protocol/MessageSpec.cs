using System.Text.Json;

namespace Live.Testing;

/// <summary>A proto message of the Live API as the emulator validates it: its fields under both spellings.</summary>
internal sealed class MessageSpec
{
    private readonly Dictionary<string, FieldSpec> _fields = new(StringComparer.Ordinal);

    public MessageSpec(string name) => Name = name;

    /// <summary>The proto message name, for error reasons.</summary>
    public string Name { get; }

    /// <summary>
    /// A check across the fields of one object, run after its fields validated: returns a close reason or null.
    /// Receives the object and its path.
    /// </summary>
    public Func<JsonElement, string, string?>? Check { get; set; }

    /// <summary>Adds fields; returns this message for chaining.</summary>
    public MessageSpec Add(params FieldSpec[] fields)
    {
        foreach (FieldSpec field in fields)
        {
            _fields.Add(field.Name, field);
            if (field.ProtoName != field.Name)
            {
                _fields.Add(field.ProtoName, field);
            }
        }

        return this;
    }

    /// <summary>Finds a field by its camelCase or snake_case name.</summary>
    public bool TryGetField(string jsonName, out FieldSpec field) => _fields.TryGetValue(jsonName, out field!);
}
