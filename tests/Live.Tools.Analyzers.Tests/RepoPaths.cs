using System.Reflection;

namespace Live.Tools.Analyzers.Tests;

/// <summary>Where the repository is (the folder holding <c>Live.Tools.sln</c>, found from the test's output folder) and how this assembly was built.</summary>
internal static class RepoPaths
{
    public static string Root => TestRepository.Root;

    /// <summary>The configuration this test assembly was built in (Debug, Release).</summary>
    public static string Configuration { get; } =
        typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);
}
