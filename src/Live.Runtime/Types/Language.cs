using System.Text.Json.Serialization;
using Live.Serialization;

namespace Live;

/// <summary>The programming language of <see cref="ExecutableCode"/>.</summary>
[JsonConverter(typeof(LanguageConverter))]
public enum Language
{
    /// <summary><c>LANGUAGE_UNSPECIFIED</c>: not specified; also what an unknown wire value reads as.</summary>
    Unspecified = 0,

    /// <summary><c>PYTHON</c>: Python 3.</summary>
    Python,
}

/// <summary>Wire converter for <see cref="Language"/>.</summary>
internal sealed class LanguageConverter : WireEnumConverter<Language>
{
    public LanguageConverter()
        : base(
            (Language.Unspecified, "LANGUAGE_UNSPECIFIED"),
            (Language.Python, "PYTHON"))
    {
    }
}
