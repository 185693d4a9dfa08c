using Microsoft.Extensions.DependencyInjection;
using Newsletter.Core.Editorial;
using Newsletter.Core.Members;
using Newsletter.Core.Releases;
using Newsletter.Core.Updates;
using Newsletter.Web.Pages.Portal;

namespace Newsletter.Functions.Tests;

/// <summary>A joint release: the same text sent by two members is one update that both follow.</summary>
public partial class PortalTests
{
    private const string JointRelease = "---\ntitle: A joint quantum lab opens\ndate: 2026-11-30\n---\n\nKTH and UCL open a shared laboratory for quantum sensing in Stockholm and London.\n";

    [Fact]
    public async Task TheSameReleaseFromASecondMember_FollowsTheOneUpdate_AndItsContactHearsWhenItIsPublished()
    {
        var kth = await SignInAsync("press@kth.se");
        var ucl = await SignInAsync("press@ucl.ac.uk");
        var (_, first) = await SubmitInPortalAsync(kth, JointRelease);
        sent.Clear();

        var (uclRelease, joint) = await SubmitInPortalAsync(ucl, JointRelease, "ucl");

        // One update, the first member's, with the second member's upload recorded on it.
        Assert.Equal(first.Id, joint.Id);
        Assert.Equal("kth", joint.MemberId);
        var co = Assert.Single(joint.AlsoSubmittedBy);
        Assert.Equal(("ucl", uclRelease), (co.MemberId, co.ReleaseId));
        Assert.Equal(["Release received: A joint quantum lab opens", "Release waiting for review: A joint quantum lab opens"], sent.Select(m => m.Subject));
        Assert.All(sent, m => Assert.Equal("press@ucl.ac.uk", m.To.Address));

        // UCL follows it (status and My releases) but cannot edit or withdraw KTH's release.
        var uclMember = (await services.GetRequiredService<IMemberStore>().GetAsync("ucl", CancellationToken.None))!;
        await using (var scope = services.CreateAsyncScope())
        {
            var status = await scope.ServiceProvider.GetRequiredService<ReleaseSubmission>().StatusAsync(uclMember, uclRelease, CancellationToken.None);
            Assert.Equal(ReleaseState.PendingReview, status.Record!.State);
            Assert.Equal(first.Id, status.Record.UpdateId);
            Assert.Contains(ReleaseIngestion.JointText, status.Record.Warnings);
        }

        var list = await SendAsync(Get("/portal/releases", ucl));
        Assert.Contains("A joint quantum lab opens", list.Body, StringComparison.Ordinal);
        Assert.Contains(ReleaseTable.JointNote.Replace("'", "&#x27;", StringComparison.Ordinal), list.Body, StringComparison.Ordinal);
        var page = await SendAsync(Get($"/portal/releases/{uclRelease}", ucl));
        Assert.Contains("Pending review", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"withdraw\"", page.Body, StringComparison.Ordinal);
        Assert.Equal(409, (await SendAsync(Form($"/portal/releases/{uclRelease}", ucl, ("action", "withdraw")))).Status);
        Assert.Equal(409, (await SendAsync(Form($"/portal/releases/{uclRelease}", ucl, ("action", "edit")))).Status);
        var updates = services.GetRequiredService<IUpdateStore>();
        Assert.Equal(UpdateStatus.PendingReview, (await updates.GetAsync(first.Id, CancellationToken.None))!.Status);

        // Approved once: both members' contacts are told, each with their own release's page; readers get one update.
        sent.Clear();
        Assert.Equal(EditorialOutcome.Done, (await services.GetRequiredService<EditorialService>().ApproveAsync(first.Id, Editor, CancellationToken.None)).Outcome);
        await DrainNoticesAsync();

        var published = sent.Where(m => m.Subject == "Release published: A joint quantum lab opens").ToArray();
        Assert.Equal(["press@kth.se", "press@ucl.ac.uk"], published.Select(m => m.To.Address).Order());
        Assert.Contains($"/portal/releases/{uclRelease}", published.Single(m => m.To.Address == "press@ucl.ac.uk").TextBody, StringComparison.Ordinal);
        Assert.Contains($"/updates/{first.Id}", published.Single(m => m.To.Address == "press@ucl.ac.uk").TextBody, StringComparison.Ordinal);
        var now = clock.GetUtcNow();
        Assert.Equal(first.Id, Assert.Single(await updates.ListPublishedAsync(now.AddDays(-1), now.AddDays(1), CancellationToken.None)).Id);
        page = await SendAsync(Get($"/portal/releases/{uclRelease}", ucl));
        Assert.Contains("Published", page.Body, StringComparison.Ordinal);
        Assert.Contains($"/updates/{first.Id}", page.Body, StringComparison.Ordinal);
    }
}
