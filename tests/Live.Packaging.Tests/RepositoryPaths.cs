namespace Live.Packaging.Tests;

/// <summary>Where the repository is (the folder holding <c>Live.Tools.sln</c>, found above the test's output folder).</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The configuration this test assembly was built in: the name of the folder above <c>net10.0</c> (bin/Release/net10.0/).</summary>
    public static string Configuration { get; } =
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Live.Tools.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Live.Tools.sln not found above " + AppContext.BaseDirectory);
    }
}
