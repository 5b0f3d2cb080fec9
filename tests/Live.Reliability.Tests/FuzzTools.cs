using System.ComponentModel.DataAnnotations;
using Live.Tools;

namespace Live.Reliability.Tests;

/// <summary>A mood.</summary>
public enum Mood
{
    /// <summary>Happy.</summary>
    Happy,

    /// <summary>Sad.</summary>
    Sad,

    /// <summary>Very angry.</summary>
    VeryAngry,
}

/// <summary>An address.</summary>
public sealed class Address
{
    /// <summary>The street.</summary>
    public required string Street { get; init; }

    /// <summary>The house number.</summary>
    [Range(1, 9999)]
    public int Number { get; set; } = 1;

    /// <summary>Extra lines.</summary>
    public List<string>? Lines { get; set; }
}

/// <summary>A contact.</summary>
/// <param name="Name">The name.</param>
/// <param name="Mood">The mood.</param>
/// <param name="Home">Where they live.</param>
public sealed record Contact(string Name, Mood Mood, Address? Home);

/// <summary>Generated tools whose arguments the dispatcher fuzzing mutates: strings, enums, ranged ints, nullables, nested objects, arrays.</summary>
public partial class FuzzTools
{
    /// <summary>Describes a person.</summary>
    /// <param name="name">The name.</param>
    /// <param name="mood">The mood.</param>
    /// <param name="age">The age.</param>
    /// <param name="nickname">A nickname.</param>
    /// <returns>A sentence.</returns>
    [LiveTool]
    public static string Describe(string name, Mood mood, [Range(0, 150)] int age, string? nickname = null) =>
        $"{nickname ?? name} is {age} and {mood}";

    /// <summary>Adds numbers.</summary>
    /// <param name="values">The numbers.</param>
    /// <param name="offset">Added at the end.</param>
    /// <returns>The sum.</returns>
    [LiveTool]
    public static long Sum(int[] values, [Range(-10, 10)] int offset = 0) => values.Sum(v => (long)v) + offset;

    /// <summary>Registers a contact.</summary>
    /// <param name="contact">The contact.</param>
    /// <param name="extra">More addresses.</param>
    /// <param name="verified">Whether verified.</param>
    /// <param name="score">A score.</param>
    /// <returns>A summary.</returns>
    [LiveTool]
    public static string Register(Contact contact, List<Address>? extra = null, bool? verified = null, double score = 0) =>
        $"{contact.Name}/{contact.Mood}/{contact.Home?.Street}/{extra?.Count ?? 0}/{verified}/{score}";

    /// <summary>Tags moods.</summary>
    /// <param name="moods">The moods.</param>
    /// <param name="id">An id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The tags.</returns>
    [LiveTool]
    public static async Task<string> TagAsync(IReadOnlyList<Mood> moods, long id, CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        return id + ":" + string.Join(",", moods);
    }
}
