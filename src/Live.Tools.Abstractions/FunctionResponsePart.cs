namespace Live;

/// <summary>
/// Media that is part of a <see cref="FunctionResponse"/> (<c>FunctionResponse.parts</c>): inline bytes
/// (<see cref="InlineData"/>) or a file reference (<see cref="FileData"/>), exactly one of them.
/// </summary>
/// <remarks>
/// Whether a Live model takes media in a function response is not stated per model in Google's documents; the tool
/// loop sends parts only where the model's profile allows them and otherwise replaces them with a note (see
/// <c>LiveModelProfile.FunctionResponseParts</c>).
/// </remarks>
public sealed class FunctionResponsePart
{
    /// <summary>Inline bytes with their MIME type.</summary>
    public FunctionResponseBlob? InlineData { get; set; }

    /// <summary>A file by URI with its MIME type (Vertex AI; the Gemini API does not accept it).</summary>
    public FunctionResponseFileData? FileData { get; set; }

    /// <summary>Creates a part of inline bytes.</summary>
    /// <param name="data">The bytes (sent base64-encoded). Not copied.</param>
    /// <param name="mimeType">The IANA MIME type, for example <c>image/png</c>.</param>
    /// <returns>The part.</returns>
    public static FunctionResponsePart FromBytes(ReadOnlyMemory<byte> data, string mimeType) =>
        new() { InlineData = new FunctionResponseBlob { Data = data, MimeType = mimeType ?? throw new ArgumentNullException(nameof(mimeType)) } };

    /// <summary>Creates a part that refers to a file.</summary>
    /// <param name="fileUri">The file's URI.</param>
    /// <param name="mimeType">The IANA MIME type.</param>
    /// <returns>The part.</returns>
    public static FunctionResponsePart FromUri(string fileUri, string mimeType) =>
        new() { FileData = new FunctionResponseFileData { FileUri = fileUri ?? throw new ArgumentNullException(nameof(fileUri)), MimeType = mimeType } };

    /// <summary>The MIME type of whichever member is set.</summary>
    internal string? MimeType => InlineData?.MimeType ?? FileData?.MimeType;

    /// <inheritdoc />
    public override string ToString() =>
        InlineData is { } blob ? $"FunctionResponsePart {blob.MimeType} ({blob.Data.Length} bytes)"
        : FileData is { } file ? $"FunctionResponsePart {file.MimeType} ({file.FileUri})"
        : "FunctionResponsePart (empty)";
}

/// <summary>Inline media bytes of a <see cref="FunctionResponsePart"/>.</summary>
public sealed class FunctionResponseBlob
{
    /// <summary>The IANA MIME type, for example <c>image/png</c>.</summary>
    public string? MimeType { get; set; }

    /// <summary>The bytes, sent base64-encoded.</summary>
    public ReadOnlyMemory<byte> Data { get; set; }

    /// <summary>An optional name of the media.</summary>
    public string? DisplayName { get; set; }
}

/// <summary>A file reference of a <see cref="FunctionResponsePart"/>.</summary>
public sealed class FunctionResponseFileData
{
    /// <summary>The IANA MIME type.</summary>
    public string? MimeType { get; set; }

    /// <summary>The file's URI.</summary>
    public string? FileUri { get; set; }

    /// <summary>An optional name of the file.</summary>
    public string? DisplayName { get; set; }
}
