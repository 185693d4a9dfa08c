using System.Net.Http.Json;
using System.Text.Json;
using Newsletter.Cli.Hosting;
using Newsletter.LocalHosting;
using Newsletter.Testing;

namespace Newsletter.Cli.Tests;

[Collection(AzuriteCollection.Name)]
public class LocalMetricsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task TheLocalHost_ServesTheAppsMeters_AsTotalsPerSeries()
    {
        await using var host = await LocalHost.StartAsync(new ServeOptions
        {
            Port = AzuriteServer.FreePort(),
            Storage = azurite.NewAccount(),
            DataDirectory = Directory.CreateTempSubdirectory("localmetrics-test-").FullName,
        });
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        // Presses of the confirmation button (POST) count; opening the page does not confirm anything.
        using var press = new FormUrlEncodedContent([]);
        (await http.PostAsync(new Uri("confirm?token=not-a-token", UriKind.Relative), press)).Dispose();
        (await http.PostAsync(new Uri("confirm?token=still-not-a-token", UriKind.Relative), press)).Dispose();
        var totals = await http.GetFromJsonAsync<Dictionary<string, JsonElement>>(new Uri(LocalMetrics.Route, UriKind.Relative));

        var failed = totals!["newsletter.confirmations{outcome=failed}"];
        Assert.Equal(2, failed.GetProperty("count").GetInt64());
        Assert.Equal(2, failed.GetProperty("sum").GetDouble());
    }
}
