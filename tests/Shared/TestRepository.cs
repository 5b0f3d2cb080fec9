namespace Live;

/// <summary>
/// The repository root as the tests find it: the folder holding <c>Live.Tools.sln</c>, walking up from the test's
/// output folder (no absolute machine path is ever written down). Linked into every test project by
/// <c>tests/Directory.Build.props</c>.
/// </summary>
internal static class TestRepository
{
    /// <summary>The folder holding <c>Live.Tools.sln</c>.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Live.Tools.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Live.Tools.sln was not found above " + AppContext.BaseDirectory);
    }
}
