using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Newsletter.LocalHosting;

namespace Newsletter.Testing;

/// <summary>A mailbox as maildev reports it.</summary>
public sealed record MailDevAddress(string Address, string? Name);

/// <summary>The SMTP envelope of a caught mail: who the client said it was from and whom it was for.</summary>
public sealed record MailDevEnvelope(MailDevAddress From, IReadOnlyList<MailDevAddress> To);

/// <summary>One mail caught by maildev, as its REST API (<c>GET /email</c>) reports it; header names are lower case.</summary>
public sealed record MailDevEmail(
    string Id,
    string Subject,
    string? Html,
    string? Text,
    IReadOnlyList<MailDevAddress> From,
    IReadOnlyList<MailDevAddress> To,
    MailDevEnvelope Envelope,
    IReadOnlyDictionary<string, JsonElement> Headers)
{
    /// <summary>A header's value, or null; a header given more than once comes back as its first value.</summary>
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value)
        ? value.ValueKind == JsonValueKind.Array ? value[0].GetString() : value.GetString()
        : null;
}

/// <summary>
/// A maildev (development SMTP server with a web inbox) on free loopback ports, started from the
/// project's <c>node_modules</c> like Azurite (never through npx, whose wrapper would survive a kill), its
/// mails in a temporary folder. Tests send to <see cref="SmtpPort"/> and read back through the REST API.
/// Disposing stops it by its process id and removes the folder.
/// </summary>
public sealed class MailDevServer : IAsyncDisposable
{
    private const string ScriptPath = "node_modules/maildev/bin/maildev";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Process _process;
    private readonly StringBuilder _output;
    private readonly string _mailDirectory;
    private readonly HttpClient _http;

    private MailDevServer(Process process, StringBuilder output, string mailDirectory, int smtpPort, int webPort)
    {
        _process = process;
        _output = output;
        _mailDirectory = mailDirectory;
        SmtpPort = smtpPort;
        WebPort = webPort;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}/"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public const string Host = "127.0.0.1";
    public int SmtpPort { get; }
    public int WebPort { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString().Trim();
            }
        }
    }

    /// <summary>Starts maildev and waits until both its SMTP and web ports answer; extra arguments go to maildev.</summary>
    public static async Task<MailDevServer> StartAsync(params string[] arguments)
    {
        var script = Path.Combine(RepositoryPaths.Root, ScriptPath);
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"maildev was not found at {script}. Run 'npm ci' in {RepositoryPaths.Root}.");
        }

        // Free ports are probed and then handed over, so another process may take one in between: try again then.
        for (var attempt = 1; ; attempt++)
        {
            var server = await StartOnceAsync(script, AzuriteServer.FreePort(), AzuriteServer.FreePort(), arguments, lastAttempt: attempt == 3);
            if (server is not null)
            {
                return server;
            }
        }
    }

    private static async Task<MailDevServer?> StartOnceAsync(string script, int smtpPort, int webPort, string[] arguments, bool lastAttempt)
    {
        var mailDirectory = Directory.CreateTempSubdirectory("maildev-test-").FullName;
        var info = new ProcessStartInfo("node")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = mailDirectory,
        };
        NodeWatchdog.Apply(info);
        info.ArgumentList.Add(script);
        foreach (var argument in new[]
                 {
                     "--smtp", smtpPort.ToString(CultureInfo.InvariantCulture), "--web", webPort.ToString(CultureInfo.InvariantCulture),
                     "--ip", Host, "--web-ip", Host, "--mail-directory", mailDirectory,
                 }.Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }

        var output = new StringBuilder();
        var process = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
        ChildProcess.CaptureOutput(process, output);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new MailDevServer(process, output, mailDirectory, smtpPort, webPort);
        try
        {
            if (await server.WaitUntilReadyAsync(TimeSpan.FromSeconds(30)))
            {
                return server;
            }

            // It exited, most likely over a port taken between probing and binding.
            if (lastAttempt)
            {
                throw new InvalidOperationException($"maildev exited with code {process.ExitCode}: {server.Output}");
            }
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        await server.DisposeAsync();
        return null;
    }

    /// <summary>True once both ports answer; false if maildev exited.</summary>
    private async Task<bool> WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process.HasExited)
            {
                return false;
            }

            if (await SmtpAnswersAsync() && await WebAnswersAsync())
            {
                return true;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"maildev did not answer within {timeout.TotalSeconds:0} s on ports {SmtpPort} and {WebPort}: {Output}");
            }

            await Task.Delay(50);
        }
    }

    private async Task<bool> SmtpAnswersAsync()
    {
        // A polite probe (greeting, QUIT, goodbye): maildev stops on some socket errors of a client that just hangs up.
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(Host, SmtpPort);
            using var reader = new StreamReader(client.GetStream(), Encoding.ASCII, leaveOpen: true);
            var greeting = await reader.ReadLineAsync();
            await client.GetStream().WriteAsync("QUIT\r\n"u8.ToArray());
            var goodbye = await reader.ReadLineAsync();
            return greeting?.StartsWith("220", StringComparison.Ordinal) == true && goodbye?.StartsWith("221", StringComparison.Ordinal) == true;
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            return false;
        }
    }

    private async Task<bool> WebAnswersAsync()
    {
        try
        {
            using var response = await _http.GetAsync(new Uri("healthz", UriKind.Relative));
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>Every mail caught so far, oldest first.</summary>
    public async Task<IReadOnlyList<MailDevEmail>> EmailsAsync() =>
        await _http.GetFromJsonAsync<MailDevEmail[]>(new Uri("email", UriKind.Relative), Json) ?? [];

    /// <summary>Waits until maildev has at least <paramref name="count"/> mails (it files a mail just after answering 250).</summary>
    public Task<IReadOnlyList<MailDevEmail>> WaitForEmailsAsync(int count) => Eventually.ValueAsync(
        async () => await EmailsAsync() is { } mails && mails.Count >= count ? mails : null,
        TimeSpan.FromSeconds(15), $"{count} mails in maildev");

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        try
        {
            await ChildProcess.StopAsync(_process, grace: TimeSpan.Zero);
        }
        finally
        {
            _process.Dispose();
            try
            {
                Directory.Delete(_mailDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
