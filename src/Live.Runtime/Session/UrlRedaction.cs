using System.Text;

namespace Live.Session;

/// <summary>Makes URLs safe to log or show: user info removed, every query value replaced by <c>***</c>.</summary>
internal static class UrlRedaction
{
    public static string Redact(Uri uri)
    {
        if (!uri.IsAbsoluteUri)
        {
            return "(relative URL)";
        }

        var text = new StringBuilder();
        text.Append(uri.Scheme).Append("://").Append(uri.IdnHost);
        if (!uri.IsDefaultPort)
        {
            text.Append(':').Append(uri.Port);
        }

        text.Append(uri.AbsolutePath);
        string query = uri.Query;
        if (query.Length > 1)
        {
            char separator = '?';
            foreach (string pair in query.Substring(1).Split('&'))
            {
                int equals = pair.IndexOf('=');
                text.Append(separator).Append(equals < 0 ? pair : pair.Substring(0, equals) + "=***");
                separator = '&';
            }
        }

        return text.ToString();
    }
}
