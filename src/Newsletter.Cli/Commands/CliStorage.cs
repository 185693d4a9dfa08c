using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Newsletter.Cli.Hosting;
using Newsletter.Functions;
using Newsletter.Infrastructure.Storage;
using Newsletter.LocalHosting;

namespace Newsletter.Cli.Commands;

/// <summary>
/// The storage an operator command works on: <c>--storage</c> or the setting <c>NewsletterStorage</c>;
/// else the Azurite of a running <c>newsletter serve</c>; else the local data folder, opened with a
/// short-lived Azurite of its own. Links in mail a command sends use <c>App:BaseUrl</c> when it is set,
/// else the public address of the running <c>serve</c> (<see cref="PublicAddress"/>); with neither, a
/// command that mails refuses to, as it cannot know where readers will open them.
/// </summary>
internal sealed class CliStorage : IAsyncDisposable
{
    private const string ServeFile = "serve.json";

    /// <summary>Written by <c>serve --in-memory</c>: commands cannot share its storage, so they warn that they use the data folder.</summary>
    private const string InMemoryServeFile = "serve-in-memory.json";
    private readonly AzuriteServer? _azurite;

    private CliStorage(ServiceProvider services, AzuriteServer? azurite, string description, string? publicAddress)
    {
        Services = services;
        _azurite = azurite;
        Description = description;
        PublicAddress = publicAddress;
    }

    public ServiceProvider Services { get; }
    public string Description { get; }

    /// <summary>The address links in mail point to: <c>App:BaseUrl</c> as configured, else the running serve's; null when neither is known.</summary>
    public string? PublicAddress { get; }

    /// <summary>What a command that mails says when <see cref="PublicAddress"/> is unknown.</summary>
    public const string NoPublicAddress =
        "no public address for the links in mail: start 'newsletter serve' on this data folder (its address is used), " +
        "or set App__BaseUrl to the address readers will open (e.g. App__BaseUrl=https://news.example.org). Nothing was sent.";

    public static async Task<CliStorage> OpenAsync(string? storage, string dataDirectory, CancellationToken cancellationToken)
    {
        var configuration = Configuration();
        storage ??= configuration[StorageNames.Connection];
        var serve = RunningServe(dataDirectory);
        AzuriteServer? azurite = null;
        string description;
        if (!string.IsNullOrWhiteSpace(storage))
        {
            description = "the configured storage";
        }
        else if (serve is { } running)
        {
            storage = running.ConnectionString;
            description = "the storage of the running 'newsletter serve'";
        }
        else
        {
            azurite = await AzuriteServer.StartAsync(new AzuriteOptions { DataDirectory = Path.Combine(dataDirectory, "azurite") }, cancellationToken);
            storage = azurite.ConnectionString;
            description = $"the local data in {dataDirectory}";
            if (RunningInMemoryServe(dataDirectory) is { } address)
            {
                await Console.Error.WriteLineAsync(
                    $"warning: the running 'newsletter serve --in-memory' ({address}) keeps its storage to itself: this command uses " +
                    $"the local data in {dataDirectory}, which that serve does not see. Restart serve without --in-memory to share it.");
            }
        }

        // The serve's address counts only for the serve's own storage.
        var publicAddress = configuration["App:BaseUrl"] is { Length: > 0 } configured ? configured
            : serve is { } host && host.ConnectionString == storage ? host.BaseUrl : null;
        var effective = new ConfigurationBuilder()
            .AddInMemoryCollection(LocalDefaults(configuration, dataDirectory))
            .AddConfiguration(configuration)
            .AddInMemoryCollection([KeyValuePair.Create(StorageNames.Connection, (string?)storage), KeyValuePair.Create("App:BaseUrl", publicAddress)])
            .Build();
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<IConfiguration>(effective)
            .AddNewsletterFunctions(effective)
            .BuildServiceProvider();
        await services.GetRequiredService<StorageProvisioner>().EnsureCreatedAsync(cancellationToken);
        return new CliStorage(services, azurite, description, publicAddress);
    }

    /// <summary>Written by <c>serve</c> while it runs on the data folder, so commands share its storage and its public address.</summary>
    public static void AnnounceServe(string dataDirectory, string connectionString, string baseUrl)
    {
        Directory.CreateDirectory(dataDirectory);
        File.WriteAllText(Path.Combine(dataDirectory, ServeFile),
            JsonSerializer.Serialize(new { pid = Environment.ProcessId, connectionString, baseUrl }));
    }

    public static void AnnounceInMemoryServe(string dataDirectory, string baseUrl)
    {
        Directory.CreateDirectory(dataDirectory);
        File.WriteAllText(Path.Combine(dataDirectory, InMemoryServeFile), JsonSerializer.Serialize(new { pid = Environment.ProcessId, baseUrl }));
    }

    public static void RetractServe(string dataDirectory, bool inMemory = false)
    {
        var path = Path.Combine(dataDirectory, inMemory ? InMemoryServeFile : ServeFile);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    /// <summary>The address of a live <c>serve --in-memory</c> announced on the data folder, or null.</summary>
    internal static string? RunningInMemoryServe(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, InMemoryServeFile);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            using var process = Process.GetProcessById(json.RootElement.GetProperty("pid").GetInt32());
            return process.HasExited ? null : json.RootElement.GetProperty("baseUrl").GetString();
        }
        catch (Exception ex) when (ex is ArgumentException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null; // A stale file from a serve that did not stop cleanly.
        }
    }

    private static (string ConnectionString, string? BaseUrl)? RunningServe(string dataDirectory)
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
            var root = json.RootElement;
            return process.HasExited || root.GetProperty("connectionString").GetString() is not { } connection
                ? null
                : (connection, root.TryGetProperty("baseUrl", out var url) ? url.GetString() : null);
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
