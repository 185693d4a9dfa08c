using System.Diagnostics;
using Newsletter.Infrastructure.Storage;
using Newsletter.LocalHosting;

namespace Newsletter.Cli.Tests.Local;

public class AzuriteServerTests
{
    [Fact]
    public async Task KeepsDataInItsFolder_AcrossRestarts_AndStopsItsProcess()
    {
        var folder = Directory.CreateTempSubdirectory("azurite-test-").FullName;
        try
        {
            int pid;
            await using (var first = await AzuriteServer.StartAsync(new AzuriteOptions { DataDirectory = folder }))
            {
                pid = first.ProcessId;
                var container = StorageClients.FromConnectionString(first.ConnectionString).Blobs.GetBlobContainerClient("kept");
                await container.CreateAsync();
                await container.UploadBlobAsync("a.txt", BinaryData.FromString("survives"));
            }

            Assert.Throws<ArgumentException>(() => Process.GetProcessById(pid));

            await using var second = await AzuriteServer.StartAsync(new AzuriteOptions { DataDirectory = folder });
            var blob = StorageClients.FromConnectionString(second.ConnectionString).Blobs.GetBlobContainerClient("kept").GetBlobClient("a.txt");
            Assert.Equal("survives", (await blob.DownloadContentAsync()).Value.Content.ToString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task StartAsync_WithoutAzuriteInstalled_SaysToRunNpmCi()
    {
        var empty = Directory.CreateTempSubdirectory("no-azurite-").FullName;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => AzuriteServer.StartAsync(new AzuriteOptions { ToolsRoot = empty }));

        Assert.Contains("npm ci", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_OnATakenPort_FailsWithAzuritesReason()
    {
        using var blocker = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        blocker.Start();
        var port = ((System.Net.IPEndPoint)blocker.LocalEndpoint).Port;

        var error = await Assert.ThrowsAsync<AzuriteStartException>(() => AzuriteServer.StartAsync(new AzuriteOptions { BlobPort = port }));

        Assert.Contains("EADDRINUSE", error.Message, StringComparison.Ordinal);
    }
}
