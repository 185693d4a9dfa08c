namespace Newsletter.Testing;

/// <summary>Finds the repository's folders from a test's output folder.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Configuration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    /// <summary>The built output folder of a src project, in the configuration the tests were built in.</summary>
    public static string OutputOf(string project) => Path.Combine(Root, "src", project, "bin", Configuration, "net10.0");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NewsletterFunctions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"NewsletterFunctions.sln not found above {AppContext.BaseDirectory}.");
    }
}
