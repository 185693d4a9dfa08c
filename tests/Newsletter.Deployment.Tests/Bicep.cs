using System.Diagnostics;
using System.Reflection;

namespace Newsletter.Deployment.Tests;

/// <summary>
/// The bicep executable from the Azure.Bicep.CommandLine.linux-x64 package (its path is baked into this
/// assembly at build time), so the templates are compiled by the real compiler without any download.
/// </summary>
public static class Bicep
{
    /// <summary>Set BICEP_PATH to use another bicep executable, e.g. on a machine that is not linux-x64.</summary>
    public static string ExecutablePath { get; } = Locate();

    public sealed record Result(int ExitCode, string Output, string Error, TimeSpan Elapsed)
    {
        /// <summary>Diagnostics: bicep writes them to standard error (standard output carries the template with --stdout).</summary>
        public string Diagnostics => Error.Trim();
    }

    public static Result Run(string workingDirectory, params string[] arguments)
    {
        var info = new ProcessStartInfo(ExecutablePath, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Offline and quiet: no telemetry, no first-run messages.
        info.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {ExecutablePath}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} took over 2 minutes.");
        }

        process.WaitForExit();
        return new Result(process.ExitCode, output.Result, error.Result, stopwatch.Elapsed);
    }

    private static string Locate()
    {
        var path = Environment.GetEnvironmentVariable("BICEP_PATH");
        if (string.IsNullOrWhiteSpace(path))
        {
            path = typeof(Bicep).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "BicepPath").Value;
        }

        if (string.IsNullOrWhiteSpace(path) || !File.Exists(path))
        {
            throw new FileNotFoundException(
                $"The bicep executable was not found at '{path}'. It comes with the NuGet package Azure.Bicep.CommandLine.linux-x64 " +
                "(restored with this project); on another platform set BICEP_PATH.");
        }

        // NuGet does not always keep the executable bit when it extracts a package.
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            if ((mode & UnixFileMode.UserExecute) == 0)
            {
                File.SetUnixFileMode(path, mode | execute);
            }
        }

        return path;
    }
}
