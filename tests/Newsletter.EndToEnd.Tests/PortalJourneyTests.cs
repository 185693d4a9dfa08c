using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using Newsletter.Cli.Hosting;
using Newsletter.Core.Access;
using Newsletter.Core.Members;
using Newsletter.Core.Tests.Releases;
using Newsletter.LocalHosting;
using Newsletter.Testing;

namespace Newsletter.EndToEnd.Tests;

/// <summary>
/// A press officer in a real browser against the local host: signs in, drops a Markdown file and a Word document
/// (made here, with a tracked deletion and a comment that must not appear), previews and submits them, sees them
/// published (an auto-publish member) or waiting for review (another), gets the "published" mail with the public link,
/// and sees a binary file's rejection on the page. axe-core checks every portal page.
/// </summary>
[Collection(AzuriteCollection.Name)]
public partial class PortalJourneyTests(AzuriteFixture azurite)
{
    private const string MarkdownTitle = "Self-healing concrete closes its own cracks";

    [Fact]
    public async Task Contact_DropsMarkdownAndWord_PreviewsAndSubmits_SeesThemPublished_AndABinaryFileRejected()
    {
        var data = Directory.CreateTempSubdirectory("portal-").FullName;
        await using var host = await LocalHost.StartAsync(new ServeOptions { Port = AzuriteServer.FreePort(), Storage = azurite.NewAccount(), DataDirectory = data });
        var members = host.Services.GetRequiredService<MemberService>();
        await members.AddAsync("ucl", "University College London", [], autoPublish: true, CancellationToken.None);
        await members.AddAsync("kth", "KTH Royal Institute of Technology", [], autoPublish: false, CancellationToken.None);
        var people = host.Services.GetRequiredService<PeopleService>();
        await people.AddContactAsync("ucl", "press@ucl.ac.uk", admin: true, CancellationToken.None);
        await people.AddContactAsync("kth", "press@kth.se", admin: false, CancellationToken.None);
        var outbox = Path.Combine(data, "outbox");
        var docs = RepositoryPaths.Screenshots;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BypassCSP = true, ViewportSize = new ViewportSize { Width = 900, Height = 900 } });
        var page = await context.NewPageAsync();

        await SignInAsync(page, host.BaseAddress, outbox, "press@ucl.ac.uk");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Member portal: University College London" })).ToBeVisibleAsync();
        await Accessibility.CheckAsync(page, "the portal's dashboard");

        // A Markdown file: the preview shows the extracted title and date, the public page and the digest entry.
        await DropAsync(page, "release.md", "text/markdown",
            System.Text.Encoding.UTF8.GetBytes($"---\ntitle: {MarkdownTitle}\ndate: 2026-11-30\n---\n\nEngineers at UCL mixed bacteria into concrete that seal cracks when water gets in.\n\nThe first bridge with it opens next year.\n"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Preview: {MarkdownTitle}" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("article time").First).ToHaveTextAsync("30 Nov 2026");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "The entry in the digest mail" })).ToBeVisibleAsync();
        await Accessibility.CheckAsync(page, "the preview");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(docs, "portal-preview.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit the release" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = MarkdownTitle })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".status").First).ToHaveTextAsync("Published");
        await Accessibility.CheckAsync(page, "a release's page");

        // The "published" mail carries the public link, and the link shows the update.
        var published = await MailAsync(outbox, m => m.Subject == $"Release published: {MarkdownTitle}");
        Assert.Equal("press@ucl.ac.uk", published.To.Mailboxes.Single().Address);
        var link = PublicLink().Match(published.TextBody!).Value;
        Assert.NotEmpty(link);
        await page.GotoAsync(link);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = MarkdownTitle, Level = 1 })).ToBeVisibleAsync();

        // A Word document made here: its tracked deletion and comment never reach the preview or the public page.
        var docx = new DocxBuilder()
            .Styled("Title", "Quantum dots light up tumours")
            .Paragraph("London, 1 December 2026")
            .WithDeletion("Researchers at UCL made dots that ", "DELETED-SECRET ", "glow inside tumours during surgery.")
            .WithComment("Surgeons see the edge of the tumour in real time.", "COMMENT-SECRET do not publish")
            .Build();
        await page.GotoAsync(new Uri(host.BaseAddress, "portal").ToString());
        await DropAsync(page, "tumours.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Preview: Quantum dots light up tumours" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("article").First).ToContainTextAsync("made dots that glow inside tumours");
        var previewText = await page.Locator("main").InnerTextAsync();
        Assert.DoesNotContain("DELETED-SECRET", previewText, StringComparison.Ordinal);
        Assert.DoesNotContain("COMMENT-SECRET", previewText, StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit the release" }).ClickAsync();
        await Assertions.Expect(page.Locator(".status").First).ToHaveTextAsync("Published");
        var wordLink = PublicLink().Match((await MailAsync(outbox, m => m.Subject == "Release published: Quantum dots light up tumours")).TextBody!).Value;
        var publicPage = await page.APIRequest.GetAsync(wordLink);
        Assert.Equal(200, publicPage.Status);
        var publicHtml = await publicPage.TextAsync();
        Assert.DoesNotContain("DELETED-SECRET", publicHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("COMMENT-SECRET", publicHtml, StringComparison.Ordinal);

        // A binary file: its rejection, with the API's code, on the page.
        await page.GotoAsync(new Uri(host.BaseAddress, "portal").ToString());
        await DropAsync(page, "photo.txt", "text/plain", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x00, 0x00, 0x01]);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "photo.txt cannot be published" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("binary: The upload contains NUL bytes");
        await Accessibility.CheckAsync(page, "the dashboard with a rejection");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(docs, "portal-dashboard.png"), FullPage = true });

        // My releases, the form, mails, administration and help pass axe too.
        await page.GetByRole(AriaRole.Link, new() { Name = "My releases", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My releases" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Published (2)" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Rejected (1)" })).ToBeVisibleAsync();
        await Accessibility.CheckAsync(page, "my releases");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(docs, "portal-releases.png"), FullPage = true });
        foreach (var (name, heading) in new[] { ("New release", "Write a release"), ("Mails", "Mails about releases"), ("Administration", "Administration of University College London"), ("Help", "Help for press officers") })
        {
            await page.GetByRole(AriaRole.Navigation, new() { Name = "Member portal" }).GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
            await Accessibility.CheckAsync(page, $"the portal's {name} page");
        }

        // The administrator invites a colleague, who accepts the mailed link.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Member portal" }).GetByRole(AriaRole.Link, new() { Name = "Administration", Exact = true }).ClickAsync();
        await page.GetByLabel("Invite a contact by address").FillAsync("news@ucl.ac.uk");
        await page.GetByRole(AriaRole.Button, new() { Name = "Invite", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("An invitation is on its way to news@ucl.ac.uk");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Invitations waiting to be accepted" })).ToContainTextAsync("news@ucl.ac.uk");
        await Accessibility.CheckAsync(page, "the administration page with an invitation");
        var invitation = await MailAsync(outbox, m => m.To.Mailboxes.Single().Address == "news@ucl.ac.uk");
        var invitee = await context.Browser!.NewContextAsync(new BrowserNewContextOptions { BypassCSP = true });
        var joining = await invitee.NewPageAsync();
        await joining.GotoAsync(InvitationLink().Match(invitation.TextBody!).Value);
        await Assertions.Expect(joining.GetByRole(AriaRole.Heading, new() { Name = "Invitation to the member portal" })).ToBeVisibleAsync();
        await Accessibility.CheckAsync(joining, "an invitation's page");
        await joining.GetByRole(AriaRole.Button, new() { Name = "Accept the invitation" }).ClickAsync();
        await Assertions.Expect(joining.GetByRole(AriaRole.Heading, new() { Name = "Invitation accepted" })).ToBeVisibleAsync();
        await Accessibility.CheckAsync(joining, "an accepted invitation");
        await invitee.CloseAsync();

        // The form with problems keeps what was typed.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Member portal" }).GetByRole(AriaRole.Link, new() { Name = "New release", Exact = true }).ClickAsync();
        await page.GetByLabel("Text", new() { Exact = true }).FillAsync("A text without a title.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview the release" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Enter the release's title." })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Text", new() { Exact = true })).ToHaveValueAsync("A text without a title.");
        await Accessibility.CheckAsync(page, "the release form with a problem");

        // A member without auto-publish: the release waits for review.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await SignInAsync(page, host.BaseAddress, outbox, "press@kth.se");
        await DropAsync(page, "kth.md", "text/markdown", "# Batteries that last for decades\n\nKTH opens a lab for batteries that outlive the cars they power.\n"u8.ToArray());
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit the release" }).ClickAsync();
        await Assertions.Expect(page.Locator(".status").First).ToHaveTextAsync("Pending review");
        await MailAsync(outbox, m => m.Subject == "Release waiting for review: Batteries that last for decades");
    }

    private static async Task DropAsync(IPage page, string name, string type, byte[] content)
    {
        await page.GetByLabel("Drop the release file here, or choose it").SetInputFilesAsync(new FilePayload { Name = name, MimeType = type, Buffer = content });
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview the release" }).ClickAsync();
    }

    private static async Task SignInAsync(IPage page, Uri baseAddress, string outbox, string email)
    {
        var before = Directory.Exists(outbox) ? Directory.GetFiles(outbox, "*.eml").Length : 0;
        await page.GotoAsync(new Uri(baseAddress, "signin").ToString());
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send me a sign-in link" }).ClickAsync();
        var mail = await MailAsync(outbox, m => m.Subject?.StartsWith("Sign in", StringComparison.Ordinal) == true && m.To.Mailboxes.Single().Address == email, before);
        await page.GetByLabel("Sign-in code").FillAsync(SignInCode().Match(mail.TextBody!).Groups[1].Value);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Member portal" })).ToBeVisibleAsync();
    }

    /// <summary>The first mail in the outbox (after the first <paramref name="skip"/>) that <paramref name="wanted"/> accepts, once it is there.</summary>
    private static async Task<MimeMessage> MailAsync(string outbox, Func<MimeMessage, bool> wanted, int skip = 0) => (await
        Eventually.ValueAsync(async () =>
        {
            if (!Directory.Exists(outbox))
            {
                return null;
            }

            foreach (var file in Directory.GetFiles(outbox, "*.eml").Order().Skip(skip))
            {
                var message = await MimeMessage.LoadAsync(file);
                if (wanted(message))
                {
                    return message;
                }
            }

            return null;
        }, TimeSpan.FromSeconds(30), "the mail in the outbox"))!;

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/updates/u[0-9a-f]{24}")]
    private static partial Regex PublicLink();

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/portal/join\?token=\S+")]
    private static partial Regex InvitationLink();

    [GeneratedRegex("asked for the link: ([0-9]{6})")]
    private static partial Regex SignInCode();
}
