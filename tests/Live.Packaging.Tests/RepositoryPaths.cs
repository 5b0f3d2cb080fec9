namespace Live.Packaging.Tests;

/// <summary>Where the repository is (the folder holding <c>Live.Tools.sln</c>, found above the test's output folder).</summary>
internal static class RepositoryPaths
{
    public static string Root => TestRepository.Root;

    /// <summary>The configuration this test assembly was built in: the name of the folder above <c>net10.0</c> (bin/Release/net10.0/).</summary>
    public static string Configuration { get; } =
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);
}
