namespace Live.Session;

/// <summary>Where a session connects: the WebSocket URL and the handshake headers.</summary>
internal sealed class LiveEndpoint
{
    public LiveEndpoint(string url, IReadOnlyDictionary<string, string> headers)
    {
        Url = url;
        Uri = new Uri(url, UriKind.Absolute);
        Headers = headers;
        RedactedUrl = UrlRedaction.Redact(Uri);
    }

    /// <summary>The URL exactly as built (it may carry the API key in its query).</summary>
    public string Url { get; }

    public Uri Uri { get; }

    /// <summary>The handshake headers (they may carry credentials).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The URL with every query value replaced by <c>***</c>, safe to log.</summary>
    public string RedactedUrl { get; }

    /// <inheritdoc />
    public override string ToString() => RedactedUrl;
}
