using Microsoft.Extensions.Configuration;
using Newsletter.Infrastructure.Storage;

namespace Newsletter.Infrastructure.Tests.Storage;

public class StorageClientsTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    [Fact]
    public void FromConfiguration_UsesTheConnectionString()
    {
        var clients = StorageClients.FromConfiguration(Config(("NewsletterStorage",
            "DefaultEndpointsProtocol=http;AccountName=acct;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:1/acct;QueueEndpoint=http://127.0.0.1:2/acct;TableEndpoint=http://127.0.0.1:3/acct;")));

        Assert.Equal("acct", clients.Blobs.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:2/acct"), clients.Queues.Uri);
        Assert.Equal("acct", clients.Tables.AccountName);
    }

    [Fact]
    public void FromConfiguration_UsesTheIdentityBasedServiceUris()
    {
        // The shape the Bicep template sets in Azure: NewsletterStorage__blobServiceUri etc.
        var clients = StorageClients.FromConfiguration(Config(
            ("NewsletterStorage:blobServiceUri", "https://news.blob.core.windows.net"),
            ("NewsletterStorage:queueServiceUri", "https://news.queue.core.windows.net"),
            ("NewsletterStorage:tableServiceUri", "https://news.table.core.windows.net"),
            ("NewsletterStorage:credential", "managedidentity"),
            ("NewsletterStorage:clientId", "00000000-0000-0000-0000-000000000001")));

        Assert.Equal(new Uri("https://news.blob.core.windows.net"), clients.Blobs.Uri);
        Assert.Equal(new Uri("https://news.queue.core.windows.net"), clients.Queues.Uri);
        Assert.Equal("news", clients.Tables.AccountName);
    }

    [Fact]
    public void FromConfiguration_WithNothingSet_SaysWhichSettingsAreMissing()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageClients.FromConfiguration(Config()));

        Assert.Contains("NewsletterStorage", error.Message, StringComparison.Ordinal);
        Assert.Contains("blobServiceUri", error.Message, StringComparison.Ordinal);
    }
}
