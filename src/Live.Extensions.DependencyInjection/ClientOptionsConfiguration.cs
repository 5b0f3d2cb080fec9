using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Live.DependencyInjection;

/// <summary>
/// Reads <see cref="ClientOptions"/> from configuration key by key (no reflection-based binder, so it is trim- and
/// AOT-safe). A malformed value fails with the key's path, never the value.
/// </summary>
internal static class ClientOptionsConfiguration
{
    public static void Bind(IConfiguration section, ClientOptions options)
    {
        if (section["ApiKey"] is { Length: > 0 } apiKey)
        {
            options.ApiKey = apiKey;
        }

        ReadBool(section, "VertexAI", v => options.VertexAI = v);
        if (section["Project"] is { Length: > 0 } project)
        {
            options.Project = project;
        }

        if (section["Location"] is { Length: > 0 } location)
        {
            options.Location = location;
        }

        if (section["BaseUrl"] is { Length: > 0 } baseUrl)
        {
            options.BaseUrl = Uri.TryCreate(baseUrl, UriKind.Absolute, out Uri? uri) ? uri : throw Malformed(section, "BaseUrl", "an absolute URL");
        }

        if (section["ApiVersion"] is { Length: > 0 } apiVersion)
        {
            options.ApiVersion = apiVersion;
        }

        ReadTimeSpan(section, "SetupTimeout", v => options.SetupTimeout = v);
        ReadInt(section, "MaxIncomingMessageBytes", v => options.MaxIncomingMessageBytes = v);
        ReadInt(section, "MaxJsonDepth", v => options.MaxJsonDepth = v);
        ReadBool(section, "AllowInsecureTransport", v => options.AllowInsecureTransport = v);
        ReadBool(section, "AutomaticResumption", v => options.AutomaticResumption = v);
        ReadInt(section, "MaxResumptionAttempts", v => options.MaxResumptionAttempts = v);
        ReadTimeSpan(section, "ResumptionRetryDelay", v => options.ResumptionRetryDelay = v);
        foreach (IConfigurationSection header in section.GetSection("Headers").GetChildren())
        {
            if (header.Value is { } value)
            {
                options.Headers[header.Key] = value;
            }
        }
    }

    private static void ReadBool(IConfiguration section, string key, Action<bool> set)
    {
        if (section[key] is { Length: > 0 } text)
        {
            set(bool.TryParse(text, out bool value) ? value : throw Malformed(section, key, "true or false"));
        }
    }

    private static void ReadInt(IConfiguration section, string key, Action<int> set)
    {
        if (section[key] is { Length: > 0 } text)
        {
            set(int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : throw Malformed(section, key, "an integer"));
        }
    }

    private static void ReadTimeSpan(IConfiguration section, string key, Action<TimeSpan> set)
    {
        if (section[key] is { Length: > 0 } text)
        {
            set(TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out TimeSpan value) ? value : throw Malformed(section, key, "a time span such as 00:00:30"));
        }
    }

    private static InvalidOperationException Malformed(IConfiguration section, string key, string expected) =>
        new($"The configuration value {Path(section, key)} must be {expected}.");

    private static string Path(IConfiguration section, string key) =>
        section is IConfigurationSection { Path: { Length: > 0 } path } ? path + ":" + key : key;
}
