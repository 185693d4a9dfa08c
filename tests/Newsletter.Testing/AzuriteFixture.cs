using System.Globalization;
using Newsletter.Infrastructure.Storage;
using Newsletter.LocalHosting;
using Xunit;

namespace Newsletter.Testing;

/// <summary>
/// One in-memory Azurite on free loopback ports for a whole test run (per test assembly). Each test
/// takes its own storage account from it, so the fixed container, queue and table names of the app
/// never collide between tests. If Azurite cannot start, every test using it fails with the reason.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private const int Accounts = 400;
    private int _next;

    public AzuriteServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var names = Enumerable.Range(1, Accounts).Select(i => AccountName(i)).ToArray();
        Server = await AzuriteServer.StartAsync(new AzuriteOptions { ExtraAccounts = names });
    }

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }

    /// <summary>A storage account nobody else in this run uses: its connection string.</summary>
    public string NewAccount()
    {
        var index = Interlocked.Increment(ref _next);
        if (index > Accounts)
        {
            throw new InvalidOperationException($"The Azurite fixture has only {Accounts} accounts; raise the number.");
        }

        return Server.ConnectionStringFor(AccountName(index));
    }

    /// <summary>A fresh account with every container, queue and table the app uses.</summary>
    public async Task<StorageClients> NewProvisionedAccountAsync()
    {
        var clients = StorageClients.FromConnectionString(NewAccount());
        await new StorageProvisioner(clients).EnsureCreatedAsync(CancellationToken.None);
        return clients;
    }

    /// <summary>A connection string to a port where nothing listens: storage that is down.</summary>
    public static string UnreachableConnectionString()
    {
        var port = AzuriteServer.FreePort();
        return $"DefaultEndpointsProtocol=http;AccountName={AzuriteServer.AccountName};AccountKey={AzuriteServer.AccountKey};" +
               $"BlobEndpoint=http://127.0.0.1:{port}/{AzuriteServer.AccountName};QueueEndpoint=http://127.0.0.1:{port}/{AzuriteServer.AccountName};" +
               $"TableEndpoint=http://127.0.0.1:{port}/{AzuriteServer.AccountName};";
    }

    private static string AccountName(int index) => "test" + index.ToString("D3", CultureInfo.InvariantCulture);
}
