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

    /// <summary>
    /// Where browser tests write their screenshots: <c>TestResults/screenshots</c> (ignored by git), so a test run leaves
    /// the tree clean; <c>scripts/screenshots.sh</c> points <c>NEWSLETTER_SCREENSHOTS</c> at <c>docs/</c> to refresh the
    /// README's pictures on purpose.
    /// </summary>
    public static string Screenshots
    {
        get
        {
            var folder = Environment.GetEnvironmentVariable("NEWSLETTER_SCREENSHOTS") is { Length: > 0 } chosen
                ? Path.GetFullPath(chosen)
                : Path.Combine(Root, "TestResults", "screenshots");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

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
