using Xunit;

namespace Newsletter.Functions.Tests;

/// <summary>Submit pressed twice (a double click, a second tab, two posts at once): one draft becomes one release.</summary>
public partial class PortalTests
{
    [Fact]
    public async Task ADraftSubmittedSeveralTimesAtOnce_BecomesOneRelease_AndTheOtherPostsGoToTheList()
    {
        var kth = await SignInAsync("press@kth.se");
        var dropped = await PostFileAsync(kth, "release.md",
            "---\ntitle: Graphene membranes filter sea water\ndate: 2026-11-30\n---\n\nKTH researchers filter salt from sea water at a tenth of the energy.\n"u8.ToArray());
        var draft = dropped.Headers.Location.ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => SendAsync(Form(draft, kth, ("action", "submit"))))));

        Assert.All(answers, a => Assert.Equal(303, a.Status));
        var list = await SendAsync(Get("/portal/releases", kth));
        var release = Assert.Single(ReleaseLink().Matches(list.Body).Select(m => m.Groups[1].Value).Distinct());
        Assert.Single(answers, a => a.Headers.Location.ToString() == $"/portal/releases/{release}");
        Assert.All(answers.Where(a => a.Headers.Location.ToString() != $"/portal/releases/{release}"),
            a => Assert.Equal("/portal/releases", a.Headers.Location.ToString()));
        lock (sent)
        {
            Assert.Single(sent, m => m.Subject == "Release received: Graphene membranes filter sea water");
        }
    }
}
