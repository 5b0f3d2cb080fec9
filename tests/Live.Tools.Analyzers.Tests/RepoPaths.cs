using System.Reflection;

namespace Live.Tools.Analyzers.Tests;

/// <summary>Where the repository is (the folder holding <c>Live.Tools.sln</c>, found from the test's output folder) and how this assembly was built.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The configuration this test assembly was built in (Debug, Release).</summary>
    public static string Configuration { get; } =
        typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;

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
