using System.Text.Json.Serialization;
using Live.Serialization;

namespace Live;

/// <summary>A kind of content: what the model answers with (<see cref="LiveConnectConfig.ResponseModalities"/>) or what tokens were counted for.</summary>
[JsonConverter(typeof(ModalityConverter))]
public enum Modality
{
    /// <summary><c>MODALITY_UNSPECIFIED</c>: not specified; also what an unknown wire value reads as.</summary>
    Unspecified = 0,

    /// <summary><c>TEXT</c>: text.</summary>
    Text,

    /// <summary><c>IMAGE</c>: images.</summary>
    Image,

    /// <summary><c>AUDIO</c>: audio.</summary>
    Audio,

    /// <summary><c>VIDEO</c>: video.</summary>
    Video,

    /// <summary><c>DOCUMENT</c>: documents (for example PDF).</summary>
    Document,
}

/// <summary>Wire converter for <see cref="Modality"/>.</summary>
internal sealed class ModalityConverter : WireEnumConverter<Modality>
{
    public ModalityConverter()
        : base(
            (Modality.Unspecified, "MODALITY_UNSPECIFIED"),
            (Modality.Text, "TEXT"),
            (Modality.Image, "IMAGE"),
            (Modality.Audio, "AUDIO"),
            (Modality.Video, "VIDEO"),
            (Modality.Document, "DOCUMENT"))
    {
    }
}
