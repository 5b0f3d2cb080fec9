using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace Live.Tools.IntegrationTests;

/// <summary>Access rights, combined.</summary>
[Flags]
public enum Access
{
    None = 0,
    Read = 1,
    Write = 2,
    Delete = 4,
    ReadWrite = Read | Write,
}

/// <summary>A label with its fields, as System.Text.Json sees them: the [JsonInclude] ones only.</summary>
public sealed class Label
{
    /// <summary>The text, a field System.Text.Json reads because of [JsonInclude].</summary>
    [JsonInclude]
    public string Text = string.Empty;

    /// <summary>The size, a field included the same way.</summary>
    [JsonInclude]
    public int Size;

#pragma warning disable LIVE018 // The point: a plain public field is left out, as System.Text.Json leaves it out.
    /// <summary>A plain public field: ignored.</summary>
    public string Color = "black";
#pragma warning restore LIVE018
}

/// <summary>Tools with values System.Text.Json gives a particular form: fields, bytes, [Flags] enums.</summary>
public partial class FormatTools
{
#pragma warning disable LIVE018 // Label.Color is ignored on purpose (see Label).
    [LiveTool] public static string Describe(Label label) => label.Text + "|" + label.Size + "|" + label.Color;

    [LiveTool] public static Label MakeLabel(string text, int size) => new() { Text = text, Size = size, Color = "red" };
#pragma warning restore LIVE018

    [LiveTool] public static int ByteCount(byte[] data) => data.Length;

    [LiveTool] public static byte[] Reverse(byte[] data) => data.Reverse().ToArray();

    [LiveTool] public static int MemoryLength(ReadOnlyMemory<byte> data, Memory<byte>? extra = null) => data.Length + (extra?.Length ?? 0);

    [LiveTool] public static ReadOnlyMemory<byte> Repeat(byte value, int count) => Enumerable.Repeat(value, count).ToArray();

    [LiveTool] public static int Limited([MaxLength(3)] byte[] data, [Length(1, 2)] ReadOnlyMemory<byte>? tag = null) => data.Length + (tag?.Length ?? 0);

    [LiveTool] public static int AccessValue(Access access) => (int)access;

    [LiveTool] public static Access Grant(int value) => (Access)value;
}

/// <summary>Tools whose string parameters carry DataAnnotations of form.</summary>
public partial class StringRuleTools
{
    [LiveTool] public static string Email([EmailAddress] string address) => address;

    [LiveTool] public static string Link([Url] string url) => url;

    [LiveTool] public static string Call([Phone] string number) => number;

    [LiveTool] public static string Blob([Base64String] string payload) => payload;

    [LiveTool] public static string Amount([Range(1, 10)] string amount) => amount;

    [LiveTool] public static string Size([AllowedValues("small", "large")] string size) => size;

    [LiveTool] public static string Name([DeniedValues("admin", "root")] string user) => user;
}
