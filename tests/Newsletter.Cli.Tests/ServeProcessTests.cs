using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Newsletter.LocalHosting;
using Newsletter.Testing;

namespace Newsletter.Cli.Tests;

/// <summary><c>newsletter serve</c> as a user runs it: a separate process, stopped with Ctrl+C.</summary>
public partial class ServeProcessTests
{
    private static readonly string Cli = Path.Combine(RepositoryPaths.OutputOf("Newsletter.Cli"), "newsletter.dll");

    // A process started in the background inherits SIGINT as ignored; python resets it to the default
    // so that SIGINT reaches the host exactly as a terminal's Ctrl+C would, and gives serve a process group
    // of its own, as a terminal's foreground job has, so a Ctrl+C can reach the group and nothing else.
    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.setpgrp(); os.execvp(sys.argv[1], sys.argv[1:])");
        info.ArgumentList.Add("dotnet");
        info.ArgumentList.Add(Cli);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info)!;
    }

    [Fact]
    public async Task CtrlC_StopsTheHostAndItsAzurite()
    {
        var port = AzuriteServer.FreePort();
        using var serve = Start("serve", "--in-memory", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        serve.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        serve.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        serve.BeginOutputReadLine();
        serve.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            await Eventually.TrueAsync(async () =>
            {
                try
                {
                    using var response = await http.GetAsync(new Uri("api/health", UriKind.Relative));
                    return response.StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, TimeSpan.FromSeconds(60), "serve answering /api/health");
            var signIn = $"  sign in: http://127.0.0.1:{port}/signin (editors then reach http://127.0.0.1:{port}/console, member contacts http://127.0.0.1:{port}/portal)";
            await Eventually.TrueAsync(() => Task.FromResult(output.Contains(signIn)), TimeSpan.FromSeconds(10), "serve listing the sign-in, console and portal pages");

            var azuritePid = int.Parse(AzuritePid().Match(string.Join('\n', output)).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            using var azurite = Process.GetProcessById(azuritePid);

            // A terminal's Ctrl+C goes to the whole foreground group: serve and the Azurite it started.
            using (var kill = Process.Start("kill", ["-INT", "--", "-" + serve.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await serve.WaitForExitAsync(deadline.Token);
            await azurite.WaitForExitAsync(deadline.Token);

            Assert.Equal(0, serve.ExitCode);
            Assert.True(azurite.HasExited);
            Assert.Contains(output, line => line.Contains("Stopping", StringComparison.Ordinal));
            Assert.DoesNotContain(output, line => line.Contains("Unhandled exception", StringComparison.Ordinal));
        }
        finally
        {
            if (!serve.HasExited)
            {
                serve.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task HostKilledOutright_StillLeavesNoAzuriteBehind()
    {
        var port = AzuriteServer.FreePort();
        using var serve = Start("serve", "--in-memory", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        serve.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        serve.BeginOutputReadLine();
        var pid = await Eventually.ValueAsync(() => Task.FromResult(AzuritePid().Match(string.Join('\n', output)) is { Success: true } m ? m.Groups[1].Value : null),
            TimeSpan.FromSeconds(60), "serve announcing its Azurite");
        using var azurite = Process.GetProcessById(int.Parse(pid, System.Globalization.CultureInfo.InvariantCulture));

        serve.Kill(entireProcessTree: false);

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await azurite.WaitForExitAsync(deadline.Token);
        Assert.True(azurite.HasExited);
    }

    [Fact]
    public async Task BusyPort_ExitsWithAMessageNamingThePortAndTheOption()
    {
        using var blocker = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        blocker.Start();
        var port = ((IPEndPoint)blocker.LocalEndpoint).Port;

        using var serve = Start("serve", "--in-memory", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var stderr = await serve.StandardError.ReadToEndAsync();
        await serve.WaitForExitAsync();

        Assert.Equal(2, serve.ExitCode);
        Assert.Contains($"Port {port} is already in use", stderr, StringComparison.Ordinal);
        Assert.Contains("--port", stderr, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"private Azurite \(pid (\d+)\)")]
    private static partial Regex AzuritePid();
}
