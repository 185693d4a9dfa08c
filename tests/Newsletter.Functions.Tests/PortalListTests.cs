using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Newsletter.Core.Embargoes;

namespace Newsletter.Functions.Tests;

/// <summary>My releases and a release's page: who submitted it, the embargo's lift in the network's zone, statuses in words.</summary>
public partial class PortalTests
{
    [Fact]
    public async Task MyReleases_AndTheReleasePage_NameTheSubmitter_TheEmbargoLiftInTheNetworksZone_AndStatusesInWords()
    {
        var kth = await SignInAsync("press@kth.se");
        var zone = services.GetRequiredService<NetworkClock>().Zone;
        var day = clock.GetUtcNow().AddDays(10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var posted = await SendAsync(Form("/portal/preview", kth, ("source", "form"), ("title", "Batteries that last"), ("body", "A new lab for batteries."),
            ("embargo-date", day), ("embargo-time", "10:00"), ("embargo-zone", zone.Id)));
        Assert.True(posted.Status == 303, posted.Body);
        var submitted = await SendAsync(Form(posted.Headers.Location.ToString(), kth, ("action", "submit")));
        var release = submitted.Headers.Location.ToString();

        var list = await SendAsync(Get("/portal/releases", kth));
        Assert.Contains("<th scope=\"col\">Submitted by</th>", list.Body, StringComparison.Ordinal);
        Assert.Contains("<td>press@kth.se</td>", list.Body, StringComparison.Ordinal);
        Assert.Contains($"<caption>Releases, newest first (times in {zone.Id})</caption>", list.Body, StringComparison.Ordinal);
        var lift = $"{DateTime.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture):d MMM yyyy}, 10:00 {zone.Id}";
        Assert.Contains(lift, list.Body, StringComparison.Ordinal);

        var page = await SendAsync(Get(release, kth));
        Assert.Contains("<dt>Embargo lifts</dt><dd>" + lift, page.Body, StringComparison.Ordinal);
        Assert.Contains($" {zone.Id}: Pending review", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("pending-review<", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(": pending-review", page.Body, StringComparison.Ordinal);

        var form = await SendAsync(Get("/portal/submit", kth));
        Assert.Contains("Leave it empty for the upload date (today)", form.Body, StringComparison.Ordinal);
    }
}
