namespace Live.Testing.Tests.Conformance;

/// <summary>Finds folders of the repository from the test's output folder.</summary>
internal static class RepositoryPaths
{
    /// <summary>The folder holding <c>Live.Tools.sln</c>, found by walking up from the test binaries.</summary>
    public static string Root => TestRepository.Root;

    /// <summary>The conformance driver's folder (where npm installs the official client).</summary>
    public static string ConformanceDriver => Path.Combine(Root, "tests", "Live.Testing.Tests", "Conformance", "js");
}
