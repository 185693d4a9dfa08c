using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Newsletter.LocalHosting;

/// <summary>Stopping a process we started (Azurite, a test's mail server) and waiting for it to be gone.</summary>
public static class ChildProcess
{
    /// <summary>
    /// Stops the process and its children: with a <paramref name="grace"/> period, first politely
    /// (SIGTERM, so it can write its files), then by force; waits up to 10 s for it to exit.
    /// </summary>
    public static async Task StopAsync(Process process, TimeSpan grace)
    {
        ArgumentNullException.ThrowIfNull(process);
        try
        {
            if (!process.HasExited)
            {
                if (grace > TimeSpan.Zero && !OperatingSystem.IsWindows() && await SignalTerminateAsync(process.Id))
                {
                    using var wait = new CancellationTokenSource(grace);
                    try
                    {
                        await process.WaitForExitAsync(wait.Token);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }

                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }

            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(exit.Token);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Keeps the first 16 KB of what the process writes to stdout and stderr, for the error message if it fails to start.</summary>
    public static void CaptureOutput(Process process, StringBuilder output)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(output);
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            if (output.Length < 16_384)
            {
                output.AppendLine(line);
            }
        }
    }

    private static async Task<bool> SignalTerminateAsync(int pid)
    {
        try
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", pid.ToString(CultureInfo.InvariantCulture)])
            {
                UseShellExecute = false,
                RedirectStandardError = true,
            });
            if (kill is null)
            {
                return false;
            }

            await kill.WaitForExitAsync();
            return kill.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
