namespace Live.Runtime.Tests.Infrastructure;

/// <summary>Finds the repository root (the folder holding Live.Tools.sln) by walking up from the test binaries.</summary>
internal static class RepoPaths
{
    public static string Root => TestRepository.Root;

    /// <summary>The copied vectors, beside the test binaries.</summary>
    public static string VectorsFolder => Path.Combine(AppContext.BaseDirectory, "Vectors");

    /// <summary>The vectors in the repository's test project (the committed copy).</summary>
    public static string CommittedVectorsFolder => Path.Combine(Root, "tests", "Live.Runtime.Tests", "Vectors");

    /// <summary>The shared protocol vectors beside the repository, when present.</summary>
    public static string SharedVectorsFolder => Path.GetFullPath(Path.Combine(Root, "..", "shared", "protocol", "vectors"));
}
