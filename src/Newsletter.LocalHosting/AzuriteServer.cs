using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Newsletter.LocalHosting;

/// <summary>How to start a local Azurite.</summary>
public sealed record AzuriteOptions
{
    /// <summary>Folder that holds <c>node_modules/azurite</c>; searched upwards from the working and program folders when null.</summary>
    public string? ToolsRoot { get; init; }

    /// <summary>Where Azurite keeps its data; null keeps everything in memory.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Blob port; the queue and table ports follow it. Zero picks free ports.</summary>
    public int BlobPort { get; init; }

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Storage accounts besides <c>devstoreaccount1</c>, all with the well-known key. Tests give each
    /// test its own account, so fixed container, queue and table names never collide.
    /// </summary>
    public IReadOnlyList<string> ExtraAccounts { get; init; } = [];
}

/// <summary>
/// An Azurite process on loopback, started from the project's <c>node_modules</c> (never through npx,
/// whose wrapper would survive a kill and keep the ports). Disposing stops it by its process id.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private const string ScriptPath = "node_modules/azurite/dist/src/azurite.js";

    private readonly Process _process;
    private readonly StringBuilder _output;

    private AzuriteServer(Process process, StringBuilder output, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        _output = output;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }
    public int ProcessId => _process.Id;
    public bool HasExited => _process.HasExited;

    public string ConnectionString => ConnectionStringFor(AccountName);

    /// <summary>The connection string of one of the accounts this Azurite serves.</summary>
    public string ConnectionStringFor(string account) =>
        $"DefaultEndpointsProtocol=http;AccountName={account};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{account};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{account};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{account};";

    /// <summary>Finds the folder holding <c>node_modules/azurite</c>, or null.</summary>
    public static string? FindToolsRoot(string? start = null)
    {
        foreach (var origin in new[] { start, Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = origin is null ? null : new DirectoryInfo(origin); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, ScriptPath)))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }

    public static async Task<AzuriteServer> StartAsync(AzuriteOptions options, CancellationToken cancellationToken = default)
    {
        var root = options.ToolsRoot ?? FindToolsRoot()
            ?? throw new InvalidOperationException(
                $"Azurite was not found ({ScriptPath}). Run 'npm ci' in the project folder, or pass a storage connection string.");
        var script = Path.Combine(root, ScriptPath);
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"Azurite was not found at {script}. Run 'npm ci' in {root}.");
        }

        // Free ports are probed and then handed over, so another process may take one in between: try again then.
        for (var attempt = 1; ; attempt++)
        {
            var (blob, queue, table) = options.BlobPort == 0
                ? (FreePort(), FreePort(), FreePort())
                : (options.BlobPort, options.BlobPort + 1, options.BlobPort + 2);
            try
            {
                return await StartOnceAsync(script, options, blob, queue, table, cancellationToken);
            }
            catch (AzuriteStartException) when (options.BlobPort == 0 && attempt < 3)
            {
            }
        }
    }

    private static async Task<AzuriteServer> StartOnceAsync(
        string script, AzuriteOptions options, int blob, int queue, int table, CancellationToken cancellationToken)
    {
        if (options.DataDirectory is not null)
        {
            Directory.CreateDirectory(options.DataDirectory);
        }

        var info = new ProcessStartInfo("node")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = options.DataDirectory is null ? Path.GetTempPath() : Path.GetFullPath(options.DataDirectory),
        };
        NodeWatchdog.Apply(info);
        info.ArgumentList.Add(script);
        if (options.ExtraAccounts.Count > 0)
        {
            info.Environment["AZURITE_ACCOUNTS"] = string.Join(';',
                new[] { AccountName }.Concat(options.ExtraAccounts).Select(a => $"{a}:{AccountKey}"));
        }

        foreach (var (service, port) in new[] { ("blob", blob), ("queue", queue), ("table", table) })
        {
            info.ArgumentList.Add($"--{service}Host");
            info.ArgumentList.Add("127.0.0.1");
            info.ArgumentList.Add($"--{service}Port");
            info.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        // The Azure SDK sends newer API versions than Azurite 3.35 knows; the calls themselves are supported.
        info.ArgumentList.Add("--skipApiVersionCheck");
        info.ArgumentList.Add("--disableTelemetry");
        info.ArgumentList.Add("--loose");
        info.ArgumentList.Add("--silent");
        if (options.DataDirectory is null)
        {
            info.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            info.ArgumentList.Add("--location");
            info.ArgumentList.Add(Path.GetFullPath(options.DataDirectory));
        }

        var output = new StringBuilder();
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new AzuriteStartException("node did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("Azurite needs Node.js: 'node' was not found on PATH.", ex);
        }

        ChildProcess.CaptureOutput(process, output);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new AzuriteServer(process, output, blob, queue, table);
        try
        {
            await server.WaitUntilReadyAsync(options.StartTimeout, cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        var pending = new List<int> { BlobPort, QueuePort, TablePort };
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                throw new AzuriteStartException($"Azurite exited with code {_process.ExitCode}: {Output}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new AzuriteStartException($"Azurite did not answer within {timeout.TotalSeconds:0} s on ports {BlobPort}-{TablePort}: {Output}");
            }

            for (var i = pending.Count - 1; i >= 0; i--)
            {
                try
                {
                    // Any HTTP answer, even an error, means the service listens.
                    using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{pending[i]}/{AccountName}"), cancellationToken);
                    pending.RemoveAt(i);
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                }
            }

            if (pending.Count > 0)
            {
                await Task.Delay(50, cancellationToken);
            }
        }
    }

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

    /// <summary>
    /// Stops Azurite: first politely (SIGTERM, so it writes its metadata to disk), then by force.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await ChildProcess.StopAsync(_process, grace: TimeSpan.FromSeconds(5));
        }
        finally
        {
            _process.Dispose();
        }
    }

    /// <summary>A loopback TCP port that was free a moment ago.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Azurite could not be started or did not answer.</summary>
public sealed class AzuriteStartException(string message) : Exception(message);
