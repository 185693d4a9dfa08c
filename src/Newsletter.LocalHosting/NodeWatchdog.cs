using System.Diagnostics;
using System.Globalization;

namespace Newsletter.LocalHosting;

/// <summary>
/// Node has no parent-death signal: a small preload ends a Node process (Azurite, a test's mail server)
/// when the .NET process that started it is gone, so even a host killed outright (SIGKILL, a crashed
/// test run) leaves none behind.
/// </summary>
public static class NodeWatchdog
{
    private const string ParentVariable = "NEWSLETTER_PARENT_PID";

    private const string Script = """
        // Ends this Node process when the .NET process that started it has gone.
        const parent = Number(process.env.NEWSLETTER_PARENT_PID);
        if (parent > 0) {
          setInterval(() => {
            try { process.kill(parent, 0); } catch { process.kill(process.pid, 'SIGTERM'); setTimeout(() => process.exit(0), 3000).unref(); }
          }, 1000).unref();
        }
        """;

    /// <summary>Adds the preload to a <c>node</c> start; call it before the script argument.</summary>
    public static void Apply(ProcessStartInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        info.ArgumentList.Add("--require");
        info.ArgumentList.Add(ScriptPath());
        info.Environment[ParentVariable] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
    }

    private static string ScriptPath()
    {
        var path = Path.Combine(Path.GetTempPath(), "newsletter-node-watchdog.js");
        if (!File.Exists(path) || File.ReadAllText(path) != Script)
        {
            var temporary = path + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
            File.WriteAllText(temporary, Script);
            File.Move(temporary, path, overwrite: true);
        }

        return path;
    }
}
