using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace Newsletter.Infrastructure.Storage;

/// <summary>
/// The three service clients of the storage account, built from the <c>NewsletterStorage</c> setting:
/// either a connection string (Azurite locally) or, in Azure, the identity-based form
/// <c>NewsletterStorage__blobServiceUri</c>, <c>__queueServiceUri</c>, <c>__tableServiceUri</c>,
/// <c>__credential=managedidentity</c> and <c>__clientId</c>, the same shape the Functions host reads.
/// </summary>
public sealed class StorageClients
{
    public StorageClients(BlobServiceClient blobs, QueueServiceClient queues, TableServiceClient tables)
    {
        Blobs = blobs;
        Queues = queues;
        Tables = tables;
    }

    public BlobServiceClient Blobs { get; }
    public QueueServiceClient Queues { get; }
    public TableServiceClient Tables { get; }

    public static StorageClients FromConnectionString(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return new StorageClients(
            new BlobServiceClient(connectionString, Configure(new BlobClientOptions())),
            new QueueServiceClient(connectionString, Configure(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 })),
            new TableServiceClient(connectionString, Configure(new TableClientOptions())));
    }

    public static StorageClients FromConfiguration(IConfiguration configuration, string name = StorageNames.Connection)
    {
        var section = configuration.GetSection(name);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return FromConnectionString(section.Value);
        }

        var blobUri = ServiceUri(section, "blob");
        var queueUri = ServiceUri(section, "queue");
        var tableUri = ServiceUri(section, "table");
        if (blobUri is null || queueUri is null || tableUri is null)
        {
            throw new InvalidOperationException(
                $"Storage is not configured. Set '{name}' to a connection string, or set '{name}__blobServiceUri', " +
                $"'{name}__queueServiceUri' and '{name}__tableServiceUri' (with '{name}__credential' and '{name}__clientId' for a managed identity).");
        }

        var credential = Credential(section);
        return new StorageClients(
            new BlobServiceClient(blobUri, credential, Configure(new BlobClientOptions())),
            new QueueServiceClient(queueUri, credential, Configure(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 })),
            new TableServiceClient(tableUri, credential, Configure(new TableClientOptions())));
    }

    private static Uri? ServiceUri(IConfigurationSection section, string service)
    {
        var explicitUri = section[$"{service}ServiceUri"];
        if (!string.IsNullOrWhiteSpace(explicitUri))
        {
            return new Uri(explicitUri);
        }

        var account = section["accountName"];
        return string.IsNullOrWhiteSpace(account) ? null : new Uri($"https://{account}.{service}.core.windows.net");
    }

    private static TokenCredential Credential(IConfigurationSection section)
    {
        var clientId = section["clientId"];
        return string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(string.IsNullOrWhiteSpace(clientId)
                ? ManagedIdentityId.SystemAssigned
                : ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
    }

    // Fail fast: a health check or a request should not hang for a minute when storage is down.
    private static T Configure<T>(T options) where T : Azure.Core.ClientOptions
    {
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(4);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        return options;
    }
}
