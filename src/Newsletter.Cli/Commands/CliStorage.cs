using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newsletter.Cli.Hosting;
using Newsletter.Functions;
using Newsletter.Infrastructure.Local;
using Newsletter.Infrastructure.Storage;

namespace Newsletter.Cli.Commands;

/// <summary>
/// The storage an operator command works on: <c>--storage</c> or the setting <c>NewsletterStorage</c>;
/// else the Azurite of a running <c>newsletter serve</c>; else the local data folder, opened with a
/// short-lived Azurite of its own.
/// </summary>
internal sealed class CliStorage : IAsyncDisposable
{
    private const string ServeFile = "serve.json";
    private readonly AzuriteServer? _azurite;

    private CliStorage(ServiceProvider services, AzuriteServer? azurite, string description)
    {
        Services = services;
        _azurite = azurite;
        Description = description;
    }

    public ServiceProvider Services { get; }
    public string Description { get; }

    public static async Task<CliStorage> OpenAsync(string? storage, string dataDirectory, CancellationToken cancellationToken)
    {
        var configuration = Configuration();
        storage ??= configuration[StorageNames.Connection];
        AzuriteServer? azurite = null;
        string description;
        if (!string.IsNullOrWhiteSpace(storage))
        {
            description = "the configured storage";
        }
        else if (RunningServe(dataDirectory) is { } running)
        {
            storage = running;
            description = "the storage of the running 'newsletter serve'";
        }
        else
        {
            azurite = await AzuriteServer.StartAsync(new AzuriteOptions { DataDirectory = Path.Combine(dataDirectory, "azurite") }, cancellationToken);
            storage = azurite.ConnectionString;
            description = $"the local data in {dataDirectory}";
        }

        var effective = new ConfigurationBuilder()
            .AddInMemoryCollection(LocalDefaults(configuration, dataDirectory))
            .AddConfiguration(configuration)
            .AddInMemoryCollection([KeyValuePair.Create(StorageNames.Connection, (string?)storage)])
            .Build();
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<IConfiguration>(effective)
            .AddNewsletterFunctions(effective)
            .BuildServiceProvider();
        await services.GetRequiredService<StorageProvisioner>().EnsureCreatedAsync(cancellationToken);
        return new CliStorage(services, azurite, description);
    }

    /// <summary>Written by <c>serve</c> while it runs its own Azurite on the data folder, so commands can share it.</summary>
    public static void AnnounceServe(string dataDirectory, string connectionString)
    {
        Directory.CreateDirectory(dataDirectory);
        File.WriteAllText(Path.Combine(dataDirectory, ServeFile),
            JsonSerializer.Serialize(new { pid = Environment.ProcessId, connectionString }));
    }

    public static void RetractServe(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, ServeFile);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    private static string? RunningServe(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, ServeFile);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            var pid = json.RootElement.GetProperty("pid").GetInt32();
            using var process = Process.GetProcessById(pid);
            return process.HasExited ? null : json.RootElement.GetProperty("connectionString").GetString();
        }
        catch (Exception ex) when (ex is ArgumentException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null; // A stale file from a serve that did not stop cleanly.
        }
    }

    /// <summary>
    /// What <c>serve</c> uses when nothing is configured: the signing keys kept with the local data (so
    /// links in mails sent by a command work on the local host) and the outbox in the data folder.
    /// </summary>
    private static Dictionary<string, string?> LocalDefaults(IConfiguration configuration, string dataDirectory)
    {
        // Added before the configuration, so anything configured wins.
        var defaults = new Dictionary<string, string?>();
        if (string.IsNullOrWhiteSpace(configuration["Tokens:Keys"]) || string.IsNullOrWhiteSpace(configuration["Subscriptions:AddressHashKey"]))
        {
            var secrets = LocalSecrets.LoadOrCreate(dataDirectory);
            defaults["Tokens:Keys"] = $"{LocalSecrets.KeyId}:{secrets.TokenKey}";
            defaults["Tokens:ActiveKeyId"] = LocalSecrets.KeyId;
            defaults["Subscriptions:AddressHashKey"] = secrets.AddressHashKey;
        }

        defaults["Mail:Outbox"] = Path.Combine(dataDirectory, "outbox");
        return defaults;
    }

    internal static IConfiguration Configuration() => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .Build();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
