namespace Newsletter.Cli.Hosting;

/// <summary>Where the local host keeps its data when nobody says otherwise.</summary>
internal static class LocalPaths
{
    /// <summary>
    /// <c>.data</c> in the project folder (the one holding <c>package.json</c>, found upwards from the
    /// program), so that data survives restarts whatever the current folder; else in the current folder.
    /// </summary>
    public static string DefaultDataDirectory()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("NEWSLETTER_DATA");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "package.json")) && File.Exists(Path.Combine(dir.FullName, "host.json")))
            {
                return Path.Combine(dir.FullName, ".data");
            }
        }

        return Path.Combine(Environment.CurrentDirectory, ".data");
    }
}
