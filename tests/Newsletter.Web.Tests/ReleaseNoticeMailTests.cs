using Newsletter.Core.Editorial;
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

    [Fact]
    public async Task PublishedMail_SaysWhatAnEditorChanged_FieldByField_BeforeAndAfter()
    {
        await using var pages = new Pages();

        var mail = await new ReleaseNoticeTemplate(pages.Scopes).RenderAsync(new ReleaseNoticeMail("Net", NoticeKind.Published, "Sensors reach the clinic", "KTH",
            "https://x/portal/releases/r1", "https://x/portal/notifications", "https://x/updates/u1")
        {
            Changes = [new FieldChange("title", "Sensors <b>reach</b> clinic", "Sensors reach the clinic"), new FieldChange("topics", "Research", "Research, Funding")],
        });

        var html = Pages.Parse(mail.Html);
        var items = html.QuerySelectorAll("li").Select(li => li.TextContent).ToArray();
        Assert.Equal(["Title: Sensors <b>reach</b> clinic \u2192 Sensors reach the clinic", "Topics: Research \u2192 Research, Funding"], items);
        Assert.Equal("Sensors <b>reach</b> clinic", html.QuerySelector("li del")!.TextContent);
        Assert.Empty(html.QuerySelectorAll("li b"));
        Assert.Contains("Before publishing it, an editor changed:\n- Title: \"Sensors <b>reach</b> clinic\" -> \"Sensors reach the clinic\"\n- Topics: \"Research\" -> \"Research, Funding\"", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScheduledMail_GivesTheLiftTime_AndParserRejection_GivesCodeAndMessage()
    {
        await using var pages = new Pages();
        var template = new ReleaseNoticeTemplate(pages.Scopes);

        var scheduled = await template.RenderAsync(new ReleaseNoticeMail("Net", NoticeKind.Scheduled, "A title", "KTH", "https://x/s", "https://x/n",
            LiftTime: "4 Dec 2026, 10:00 Europe/Brussels (09:00 UTC)"));
        var rejected = await template.RenderAsync(new ReleaseNoticeMail("Net", NoticeKind.Rejected, "photo.txt", "KTH", "https://x/s", "https://x/n",
            Reason: "The upload is binary (NUL bytes).") { ReasonCode = "binary" });

        Assert.Equal("Release approved and scheduled: A title", scheduled.Subject);
        Assert.Contains("published when its embargo lifts, on 4 Dec 2026, 10:00 Europe/Brussels (09:00 UTC).", Pages.Parse(scheduled.Html).Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("published when its embargo lifts, on 4 Dec 2026, 10:00 Europe/Brussels (09:00 UTC).", scheduled.Text, StringComparison.Ordinal);
        Assert.Equal("binary", Pages.Parse(rejected.Html).QuerySelector("code")!.TextContent);
        Assert.Contains("The reason: The upload is binary (NUL bytes).\n\nRejection code: binary", rejected.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithdrawnMail_GivesTheEditorsNote()
    {
        await using var pages = new Pages();

        var mail = await new ReleaseNoticeTemplate(pages.Scopes).RenderAsync(new ReleaseNoticeMail("Net", NoticeKind.Withdrawn, "A title", "KTH", "https://x/s", "https://x/n",
            Reason: "Withdrawn at your request: the results are <em>under</em> review"));

        Assert.Equal("Release withdrawn: A title", mail.Subject);
        var html = Pages.Parse(mail.Html);
        Assert.Contains("The editor's note: Withdrawn at your request: the results are <em>under</em> review", html.Body!.TextContent, StringComparison.Ordinal);
        Assert.Empty(html.QuerySelectorAll("em"));
        Assert.Contains("The editor's note: Withdrawn at your request: the results are <em>under</em> review", mail.Text, StringComparison.Ordinal);
    }

    /// <summary>Every value of the model is hostile: markup in the HTML stays text, and no value adds a line to the text or the subject.</summary>
    [Theory]
    [InlineData(NoticeKind.Received)]
    [InlineData(NoticeKind.WaitingForReview)]
    [InlineData(NoticeKind.Scheduled)]
    [InlineData(NoticeKind.Published)]
    [InlineData(NoticeKind.Rejected)]
    [InlineData(NoticeKind.Withdrawn)]
    [InlineData(NoticeKind.Corrected)]
    public async Task HostileValuesInEveryField_StayTextInTheHtml_AndOneLineInTheTextAndSubject(NoticeKind kind)
    {
        await using var pages = new Pages();
        static string Hostile(string what) => $"{what} <img src=x onerror=alert(1)><script>alert(1)</script>\r\nBcc: victim@example.org\u0000\u001b[31m\u202e";

        var mail = await new ReleaseNoticeTemplate(pages.Scopes).RenderAsync(new ReleaseNoticeMail(Hostile("Net"), kind, Hostile("Title"), Hostile("Member"),
            "https://x/portal/releases/r1", "https://x/portal/notifications", "https://x/updates/u1", Hostile("Reason"), Hostile("Lift"))
        {
            ReasonCode = Hostile("code"),
            Changes = [new FieldChange("title", Hostile("Before"), Hostile("After")), new FieldChange(Hostile("field"), Hostile("B2"), Hostile("A2"))],
        });

        Assert.DoesNotContain(mail.Subject, c => char.IsControl(c) || c == '\u202e');
        Assert.StartsWith($"{ReleaseNoticeTemplate.Headline(new ReleaseNoticeMail("n", kind, "t", "m", "s", "u"))}: Title <img", mail.Subject, StringComparison.Ordinal);
        var html = Pages.Parse(mail.Html);
        Assert.Empty(html.QuerySelectorAll("script, img, [onerror]"));
        Assert.Contains("Title <img src=x onerror=alert(1)><script>alert(1)</script>", html.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Member <img src=x onerror=alert(1)>", html.Body.TextContent, StringComparison.Ordinal);
        var lines = mail.Text.Split('\n');
        Assert.DoesNotContain(lines, l => l.StartsWith("Bcc:", StringComparison.Ordinal));
        Assert.DoesNotContain(mail.Text, c => c != '\n' && (char.IsControl(c) || c == '\u202e'));
        Assert.Contains(lines, l => l == "Title <img src=x onerror=alert(1)><script>alert(1)</script> Bcc: victim@example.org[31m");
    }
}
