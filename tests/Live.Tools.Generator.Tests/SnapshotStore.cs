using System.Reflection;
using System.Text.RegularExpressions;

namespace Live.Tools.Generator.Tests;

/// <summary>
/// Snapshot files in Verify's convention: <c>Snapshots/{Class}.{Method}#{HintName}.verified.cs</c>. A mismatch writes
/// <c>.received.cs</c> beside it and fails; <c>LIVE_UPDATE_SNAPSHOTS=1</c> accepts the received output (CI never sets it).
/// The generator version is scrubbed.
/// </summary>
internal static partial class SnapshotStore
{
    public const string VersionPlaceholder = "<generator-version>";

    public static bool Updating => Environment.GetEnvironmentVariable("LIVE_UPDATE_SNAPSHOTS") == "1";

    public static string Directory()
    {
        foreach (AssemblyMetadataAttribute metadata in typeof(SnapshotStore).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>())
        {
            if (metadata.Key == "SnapshotDirectory" && metadata.Value is { } directory)
            {
                return directory;
            }
        }

        throw new InvalidOperationException("The test assembly does not say where its snapshots are.");
    }

    public static string Scrub(string source) =>
        VersionRegex().Replace(source.Replace("\r\n", "\n", StringComparison.Ordinal), "GeneratedCode(\"Live.Tools.Generator\", \"" + VersionPlaceholder + "\")");

    public static string Unscrub(string snapshot) =>
        snapshot.Replace(VersionPlaceholder, LiveToolGenerator.Version, StringComparison.Ordinal);

    /// <summary>Checks the generated files against the verified snapshots; returns the verified texts by hint name.</summary>
    public static IReadOnlyDictionary<string, string> Verify(string className, string methodName, IReadOnlyList<(string HintName, string Source)> generated)
    {
        string directory = Directory();
        System.IO.Directory.CreateDirectory(directory);
        string prefix = className + "." + methodName + "#";
        var failures = new List<string>();
        var verified = new Dictionary<string, string>(StringComparer.Ordinal);
        var expectedFiles = new HashSet<string>(StringComparer.Ordinal);

        foreach ((string hintName, string source) in generated)
        {
            string stem = Path.Combine(directory, prefix + Path.GetFileNameWithoutExtension(hintName));
            string verifiedPath = stem + ".verified.cs";
            string receivedPath = stem + ".received.cs";
            expectedFiles.Add(Path.GetFileName(verifiedPath));
            string actual = Scrub(source);
            string? existing = File.Exists(verifiedPath) ? File.ReadAllText(verifiedPath).Replace("\r\n", "\n", StringComparison.Ordinal) : null;
            if (existing == actual)
            {
                File.Delete(receivedPath);
                verified[hintName] = existing;
                continue;
            }

            if (Updating)
            {
                File.WriteAllText(verifiedPath, actual);
                File.Delete(receivedPath);
                verified[hintName] = actual;
                continue;
            }

            File.WriteAllText(receivedPath, actual);
            failures.Add(existing is null
                ? "No snapshot " + Path.GetFileName(verifiedPath) + "; the output was written to " + Path.GetFileName(receivedPath) + "."
                : "Snapshot " + Path.GetFileName(verifiedPath) + " differs; the output was written to " + Path.GetFileName(receivedPath) + ".");
        }

        foreach (string path in System.IO.Directory.EnumerateFiles(directory, prefix + "*.verified.cs"))
        {
            if (!expectedFiles.Contains(Path.GetFileName(path)))
            {
                if (Updating)
                {
                    File.Delete(path);
                }
                else
                {
                    failures.Add("Snapshot " + Path.GetFileName(path) + " is no longer generated.");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures) + "\nSet LIVE_UPDATE_SNAPSHOTS=1 to accept the received output.");
        return verified;
    }

    [GeneratedRegex("GeneratedCode\\(\"Live\\.Tools\\.Generator\", \"[^\"]*\"\\)")]
    private static partial Regex VersionRegex();
}
