using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Azure.WebJobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsletter.Core;
using Newsletter.Functions;
using Newsletter.Infrastructure.Storage;
using Newsletter.LocalHosting;

namespace Newsletter.Cli.Hosting;

/// <summary>What <c>newsletter serve</c> was asked for.</summary>
public sealed record ServeOptions
{
    public int Port { get; init; } = 7071;

    /// <summary>A storage connection string; when null (and no setting names one) the host starts its own Azurite.</summary>
    public string? Storage { get; init; }

    /// <summary>Keep nothing between runs: the host's Azurite runs in memory.</summary>
    public bool InMemory { get; init; }

    /// <summary>Where local data lives (Azurite's files, the mail outbox).</summary>
    public string DataDirectory { get; init; } = LocalPaths.DefaultDataDirectory();

    /// <summary>Extra settings, applied last (tests and command-line switches).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    public string[] Args { get; init; } = [];
}

/// <summary>
/// The whole system in one process, for people and end-to-end tests: the Functions app's HTTP functions
/// through ASP.NET Core, its blob, queue and timer triggers through the WebJobs SDK, and (unless told
/// otherwise) a private Azurite that lives and dies with the host.
/// </summary>
public sealed class LocalHost : IAsyncDisposable
{
    /// <summary>The key the local host accepts for function-level (admin) endpoints.</summary>
    public const string AdminKeySetting = "Admin:Key";

    private readonly AzuriteServer? _azurite;

    private LocalHost(WebApplication app, AzuriteServer? azurite, string storage, Uri baseAddress)
    {
        App = app;
        _azurite = azurite;
        StorageConnectionString = storage;
        BaseAddress = baseAddress;
    }

    public WebApplication App { get; }
    public string StorageConnectionString { get; }
    public Uri BaseAddress { get; }
    public int? AzuriteProcessId => _azurite?.ProcessId;
    public IServiceProvider Services => App.Services;

    /// <summary>The key for the admin endpoints (header x-functions-key).</summary>
    public string AdminKey => App.Configuration[AdminKeySetting]!;
    /// <summary>The folder the outbox mail transport writes to.</summary>
    public string? Outbox => (App.Services.GetRequiredService<Newsletter.Core.Mail.IMailSender>() as Newsletter.Infrastructure.Mail.OutboxMailSender)?.Folder;

    /// <summary>Where mail goes when it is not the outbox: the SMTP server, or SendGrid.</summary>
    public string MailDestination => App.Services.GetRequiredService<Newsletter.Core.Mail.IMailSender>() is Newsletter.Infrastructure.Mail.SmtpMailSender
        ? $"SMTP server {App.Services.GetRequiredService<Newsletter.Infrastructure.Mail.SmtpConnector>().Server}"
        : "SendGrid";

    /// <summary>Builds and starts the host; throws <see cref="PortInUseException"/> when the port is taken.</summary>
    public static async Task<LocalHost> StartAsync(ServeOptions options, CancellationToken cancellationToken = default)
    {
        EnsurePortFree(options.Port);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = options.Args,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Development,
        });
        builder.Configuration.AddInMemoryCollection(options.Settings);

        var storage = options.Storage ?? builder.Configuration[StorageNames.Connection];
        AzuriteServer? azurite = null;
        if (string.IsNullOrWhiteSpace(storage))
        {
            azurite = await AzuriteServer.StartAsync(new AzuriteOptions
            {
                DataDirectory = options.InMemory ? null : Path.Combine(options.DataDirectory, "azurite"),
            }, cancellationToken);
            storage = azurite.ConnectionString;
        }

        try
        {
            var app = Build(builder, options, storage);
            await app.Services.GetRequiredService<StorageProvisioner>().EnsureCreatedAsync(cancellationToken);
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (IOException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } || ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await app.DisposeAsync();
                throw new PortInUseException(options.Port, ex);
            }

            return new LocalHost(app, azurite, storage, new Uri($"http://127.0.0.1:{options.Port}/"));
        }
        catch
        {
            if (azurite is not null)
            {
                await azurite.DisposeAsync();
            }

            throw;
        }
    }

    private static WebApplication Build(WebApplicationBuilder builder, ServeOptions options, string storage)
    {
        var settings = new Dictionary<string, string?>
        {
            [StorageNames.Connection] = storage,
        };
        if (string.IsNullOrWhiteSpace(builder.Configuration["AzureWebJobsStorage"]))
        {
            settings["AzureWebJobsStorage"] = storage;
        }

        if (string.IsNullOrWhiteSpace(builder.Configuration[AdminKeySetting]))
        {
            settings[AdminKeySetting] = LocalAdminKey(options);
        }

        // Zero configuration: links point here, mail lands in the data folder, and the secrets
        // (which come from Key Vault in Azure) are generated once and kept with the local data.
        if (string.IsNullOrWhiteSpace(builder.Configuration["App:BaseUrl"]))
        {
            settings["App:BaseUrl"] = $"http://127.0.0.1:{options.Port}";
        }

        if (string.IsNullOrWhiteSpace(builder.Configuration["Mail:Outbox"]))
        {
            settings["Mail:Outbox"] = Path.Combine(options.DataDirectory, "outbox");
        }

        var secrets = LocalSecrets.LoadOrCreate(options.InMemory ? null : options.DataDirectory);
        if (string.IsNullOrWhiteSpace(builder.Configuration["Tokens:Keys"]))
        {
            settings["Tokens:Keys"] = $"{LocalSecrets.KeyId}:{secrets.TokenKey}";
            settings["Tokens:ActiveKeyId"] = LocalSecrets.KeyId;
        }

        if (string.IsNullOrWhiteSpace(builder.Configuration["Subscriptions:AddressHashKey"]))
        {
            settings["Subscriptions:AddressHashKey"] = secrets.AddressHashKey;
        }

        // Clients reach `serve` directly, on loopback too: nobody in front is trusted to name the
        // client unless a proxy is configured (ForwardedHeaders:KnownProxies / KnownNetworks).
        foreach (var trusted in new[] { "ForwardedHeaders:KnownProxies", "ForwardedHeaders:KnownNetworks" })
        {
            if (builder.Configuration[trusted] is null)
            {
                settings[trusted] = string.Empty;
            }
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls($"http://127.0.0.1:{options.Port}");
        builder.Services.AddMvcCore();
        builder.Services.AddNewsletterFunctions(builder.Configuration);
        builder.Services.AddScoped<WebJobsTriggers>();
        // Uploads the app stores reach IngestRelease at once, as Event Grid delivers them in Azure; the blob trigger's
        // polling below stays as the sweep for everything else.
        builder.Services.AddSingleton<LocalBlobEvents>();
        builder.Services.AddHostedService(s => s.GetRequiredService<LocalBlobEvents>());
        builder.Services.AddSingleton<BlobReleaseFiles>();
        builder.Services.Replace(ServiceDescriptor.Singleton<Core.Releases.IReleaseFiles>(s =>
            new EventedReleaseFiles(s.GetRequiredService<BlobReleaseFiles>(), s.GetRequiredService<LocalBlobEvents>())));
        builder.Services.AddSingleton<LocalMetrics>();

        builder.Host.ConfigureWebJobs(webJobs =>
        {
            webJobs.AddAzureStorageCoreServices();
            webJobs.AddAzureStorageBlobs();
            webJobs.AddAzureStorageQueues(o =>
            {
                o.MaxPollingInterval = TimeSpan.FromSeconds(1);
                // As host.json sets for Azure: a few messages at a time, so queue work does not starve HTTP.
                o.BatchSize = 4;
                o.MaxDequeueCount = QueueDelivery.MaxAttempts;
            });
            webJobs.AddTimers();
        });
        // A message finishing after the host's services are disposed must not end the process while it stops.
        builder.Services.Replace(ServiceDescriptor.Singleton<Microsoft.Azure.WebJobs.Host.Timers.IWebJobsExceptionHandler, ShutdownTolerantExceptionHandler>());

        // Only the adapters: scanning every loaded type trips over a type the storage extension cannot load.
        builder.Services.AddSingleton<ITypeLocator>(new AdapterTypeLocator());

        var drift = FunctionCatalog.Drift();
        if (drift.Count > 0)
        {
            throw new InvalidOperationException("The local host does not host the app's functions as declared:" +
                Environment.NewLine + string.Join(Environment.NewLine, drift));
        }

        var app = builder.Build();
        app.UseForwardedHeaders();
        app.UseFunctionErrors();
        app.MapHttpFunctions();
        app.MapLocalMetrics();
        // Listen from the start, not from the first read.
        app.Services.GetRequiredService<LocalMetrics>();
        return app;
    }

    /// <summary>A random admin key, kept in the data folder so it stays the same across restarts.</summary>
    private static string LocalAdminKey(ServeOptions options)
    {
        var fresh = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        if (options.InMemory || options.Storage is not null)
        {
            return fresh;
        }

        var path = Path.Combine(options.DataDirectory, "admin.key");
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } kept)
        {
            return kept;
        }

        Directory.CreateDirectory(options.DataDirectory);
        File.WriteAllText(path, fresh);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return fresh;
    }

    private static void EnsurePortFree(int port)
    {
        try
        {
            using var probe = new TcpListener(IPAddress.Loopback, port);
            probe.Start();
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            throw new PortInUseException(port, ex);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await App.StopAsync(cancellationToken);
    }

    /// <summary>The identity settings still holding the shipped examples (example.org sender, example postal address), one line each.</summary>
    public IReadOnlyList<string> PlaceholderSettings() => Core.BrandingOptions.Placeholders(
        App.Services.GetRequiredService<IOptions<Core.BrandingOptions>>().Value,
        App.Services.GetRequiredService<IOptions<Core.Mail.MailOptions>>().Value,
        App.Services.GetRequiredService<IOptions<Core.Editions.DigestOptions>>().Value);

    public async ValueTask DisposeAsync()
    {
        var logger = App.Services.GetRequiredService<ILoggerFactory>().CreateLogger<LocalHost>();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await App.StopAsync(timeout.Token);
            await App.DisposeAsync();
        }
#pragma warning disable CA1031 // Whatever stopping throws, Azurite must still be stopped below.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // Stopping must not fail because storage went away first: the WebJobs SDK then cannot release its locks.
            logger.LogWarning("The host did not stop cleanly: {Reason}", ex.Message);
        }
        finally
        {
            if (_azurite is not null)
            {
                await _azurite.DisposeAsync();
            }
        }
    }

    private sealed class AdapterTypeLocator : ITypeLocator
    {
        public IReadOnlyList<Type> GetTypes() => [typeof(WebJobsTriggers)];
    }
}

/// <summary>The HTTP port is taken by another process.</summary>
public sealed class PortInUseException(int port, Exception inner)
    : Exception($"Port {port} is already in use on 127.0.0.1. Stop whatever listens there, or choose another port with --port <number>.", inner)
{
    public int Port { get; } = port;
}
