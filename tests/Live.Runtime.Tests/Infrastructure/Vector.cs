using System.Text.Json;

namespace Live.Runtime.Tests.Infrastructure;

/// <summary>One golden vector file.</summary>
internal sealed class Vector
{
    private Vector(string name, JsonElement root)
    {
        Name = name;
        Root = root;
    }

    public string Name { get; }

    public JsonElement Root { get; }

    public JsonElement Frame => Root.GetProperty("frame");

    public string FrameJson => Frame.GetRawText();

    public string? Url => Root.TryGetProperty("url", out JsonElement url) ? url.GetString() : null;

    public JsonElement SdkInput => Root.GetProperty("sdk_input");

    public JsonElement SdkExposed => Root.GetProperty("sdk_exposed");

    public byte[] Bytes => Convert.FromHexString(Root.GetProperty("bytes_hex").GetString()!);

    public string? HeaderValue(string name) =>
        Root.TryGetProperty("request_headers", out JsonElement headers) && headers.TryGetProperty(name, out JsonElement value) ? value.GetString() : null;

    public static Vector Load(string name)
    {
        string path = Path.Combine(RepoPaths.VectorsFolder, name + ".json");
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
        return new Vector(name, document.RootElement.Clone());
    }

    public static IEnumerable<string> AllNames() =>
        Directory.EnumerateFiles(RepoPaths.VectorsFolder, "*.json").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!;

    public override string ToString() => Name;
}
