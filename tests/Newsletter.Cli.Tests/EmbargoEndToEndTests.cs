using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Newsletter.Cli.Hosting;
using Newsletter.Core.Members;
using Newsletter.LocalHosting;
using Newsletter.Testing;

namespace Newsletter.Cli.Tests;

/// <summary>An embargo on the local host with the real clock and the shipped timer schedule (every minute).</summary>
[Collection(AzuriteCollection.Name)]
public class EmbargoEndToEndTests(AzuriteFixture azurite)
{
    private const string Release = "Quantum sensor maps the brain\n\nThe sensor, built by the institute's physicists, records the brain's magnetic field without cooling.\n";

    /// <summary>What one run of LiftEmbargoes and one poll of the page may take beyond the whole minute.</summary>
    private static readonly TimeSpan RunAndPoll = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task UploadEmbargoed90SecondsAhead_Is404AndNotInTheFeed_ThenPublishedWithinAMinuteOfTheLift()
    {
        await using var host = await LocalHost.StartAsync(new ServeOptions
        {
            Port = AzuriteServer.FreePort(),
            Storage = azurite.NewAccount(),
            DataDirectory = Directory.CreateTempSubdirectory("embargo-e2e-").FullName,
        });
        var (_, key) = await host.Services.GetRequiredService<MemberService>().AddAsync("ucl", "University College London", [], autoPublish: true, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        var lift = DateTimeOffset.UtcNow.AddSeconds(90);
        var embargo = lift.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

        using var upload = await http.PostAsync(new Uri($"api/members/ucl/releases?filename=sensor.txt&embargo={embargo}", UriKind.Relative),
            new StringContent(Release, Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        var status = upload.Headers.Location!;
        var updateId = await Eventually.ValueAsync(async () =>
        {
            var record = await http.GetFromJsonAsync<JsonElement>(status);
            return record.GetProperty("status").GetString() == "scheduled" ? record.GetProperty("updateId").GetString() : null;
        }, TimeSpan.FromSeconds(30), "ingestion as scheduled");

        var page = new Uri($"updates/{updateId}", UriKind.Relative);
        using (var unknown = await http.GetAsync(new Uri("updates/u000000000000000000000000", UriKind.Relative)))
        using (var before = await http.GetAsync(page))
        {
            Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);
            Assert.Equal(await unknown.Content.ReadAsStringAsync(), await before.Content.ReadAsStringAsync());
            Assert.DoesNotContain(updateId!, await http.GetStringAsync(new Uri("feed.atom", UriKind.Relative)), StringComparison.Ordinal);
        }

        // Polled until the page answers; it must not answer before the lift, and must at the first whole-minute run of
        // LiftEmbargoes after it: within 60 s, plus the few seconds that run and the poll take on a busy machine (a lift
        // just after a minute's start is published at the next minute's start, a hair over 60 s later). A second run
        // missed would be over 120 s.
        var publishedAt = await Eventually.ValueAsync(async () =>
        {
            using var response = await http.GetAsync(page);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return (DateTimeOffset?)null;
            }

            var seen = DateTimeOffset.UtcNow;
            Assert.True(seen >= lift, $"published at {seen:O}, before the lift at {lift:O}");
            return seen;
        }, lift - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60) + RunAndPoll, "publication at the first run after the lift");

        Assert.InRange(publishedAt!.Value, lift, lift.AddSeconds(60) + RunAndPoll);
        Assert.Contains(updateId!, await http.GetStringAsync(new Uri("feed.atom", UriKind.Relative)), StringComparison.Ordinal);
    }
}
