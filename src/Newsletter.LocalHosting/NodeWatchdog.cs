using System.Diagnostics;
using System.Globalization;

namespace Newsletter.LocalHosting;

/// <summary>
/// Node has no parent-death signal: a small preload ends a Node process (Azurite, a test's mail server)
/// when the .NET process that started it is gone, so even a host killed outright (SIGKILL, a crashed
/// test run) leaves none behind. The parent alone decides when the process stops: Ctrl+C in a terminal
/// reaches every process of the foreground group, and Azurite going at once would leave the host
/// stopping without its storage (its queue listeners then retry for some 20 s and end the process with
/// an unhandled exception). So SIGINT does nothing here; the parent stops the process once its host has
/// stopped (<see cref="ChildProcess.StopAsync"/>, SIGTERM).
/// </summary>
public static class NodeWatchdog
{
    private const string ParentVariable = "NEWSLETTER_PARENT_PID";

    private const string Script = """
        // Ends this Node process when the .NET process that started it has gone.
        // SIGINT (a terminal's Ctrl+C, sent to the whole group) is left to that parent: a listener that does
        // nothing keeps Node from dying of it, and the script's own SIGINT listeners are taken off as added.
        process.on('SIGINT', () => {});
        process.on('newListener', (event, listener) => {
          if (event === 'SIGINT') process.nextTick(() => process.removeListener('SIGINT', listener));
        });
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
        // Named by its content: builds of other versions on the same machine (other worktrees, a CI run)
        // each keep their own script rather than writing theirs over it between a write and a start.
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Script)))[..12];
        var path = Path.Combine(Path.GetTempPath(), $"newsletter-node-watchdog-{hash}.js");
        if (!File.Exists(path) || File.ReadAllText(path) != Script)
        {
            var temporary = path + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
            File.WriteAllText(temporary, Script);
            File.Move(temporary, path, overwrite: true);
        }

        return path;
    }
}
