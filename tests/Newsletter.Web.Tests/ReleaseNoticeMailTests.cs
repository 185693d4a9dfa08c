using Newsletter.Core.Portal;
using Newsletter.Web.Mail;

namespace Newsletter.Web.Tests;

public class ReleaseNoticeMailTests
{
    [Fact]
    public async Task PublishedMail_EncodesTheTitleInTheBody_AndKeepsItToOneCleanLineInTheSubject()
    {
        await using var pages = new Pages();
        var title = "Breakthrough <script>alert(1)</script>\r\nBcc: victim@example.org";

        var mail = await new ReleaseNoticeTemplate(pages.Scopes).RenderAsync(new ReleaseNoticeMail("Net", NoticeKind.Published, title, "KTH <Royal>",
            "https://x/portal/releases/r1", "https://x/portal/notifications", "https://x/updates/u1"));

        Assert.DoesNotContain('\r', mail.Subject);
        Assert.DoesNotContain('\n', mail.Subject);
        Assert.StartsWith("Release published: Breakthrough <script>", mail.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", mail.Html, StringComparison.Ordinal);
        var html = Pages.Parse(mail.Html);
        Assert.Contains("Breakthrough <script>alert(1)</script>", html.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("https://x/updates/u1", html.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Contains("Read it on the site: https://x/updates/u1", mail.Text, StringComparison.Ordinal);
        Assert.Contains("as a contact of KTH <Royal>", html.Body.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RejectedMail_GivesTheReason()
    {
        await using var pages = new Pages();

        var mail = await new ReleaseNoticeTemplate(pages.Scopes).RenderAsync(new ReleaseNoticeMail("Net", NoticeKind.Rejected, "A title", "KTH",
            "https://x/portal/releases/r1", "https://x/portal/notifications", Reason: "Not a research update"));

        Assert.Equal("Release not published: A title", mail.Subject);
        Assert.Contains("The reason: Not a research update", Pages.Parse(mail.Html).Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("The reason: Not a research update", mail.Text, StringComparison.Ordinal);
    }
}
