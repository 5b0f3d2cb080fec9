using System.Text.Json.Serialization;

namespace Live;

/// <summary>
/// One turn of a conversation: the parts of a message and who sent it (<c>user</c> or <c>model</c>).
/// A <see cref="string"/> converts to a user turn holding that text.
/// </summary>
public sealed class Content
{
    /// <summary>The parts of the message, in order.</summary>
    [JsonPropertyName("parts")]
    public IList<Part>? Parts { get; set; }

    /// <summary>Who produced the content: <c>user</c> or <c>model</c>; omitted when null.</summary>
    [JsonPropertyName("role")]
    public string? Role { get; set; }

    /// <summary>Creates a content holding one text part.</summary>
    /// <param name="text">The text.</param>
    /// <param name="role">The role; <c>user</c> unless told otherwise (as the official clients do for a plain string).</param>
    /// <returns>The content.</returns>
    public static Content FromText(string text, string? role = "user")
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        return new Content { Parts = [new Part { Text = text }], Role = role };
    }

    /// <summary>Converts a plain string to a user turn holding that text (see <see cref="FromText"/>).</summary>
    /// <param name="text">The text.</param>
    public static implicit operator Content(string text) => FromText(text);

    /// <inheritdoc />
    public override string ToString() => $"Content {Role ?? "(no role)"}: {Parts?.Count ?? 0} part(s)";
}
