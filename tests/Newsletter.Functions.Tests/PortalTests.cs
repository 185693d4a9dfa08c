using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Newsletter.Core.Access;
using Newsletter.Core.Mail;
using Newsletter.Core.Members;
using Newsletter.Core.Portal;
using Newsletter.Core.Releases;
using Newsletter.Core.Subscriptions;
using Newsletter.Functions.Portal;
using Newsletter.Infrastructure.Storage;
using Newsletter.Testing;
using Newsletter.Web.Pages.Portal;

namespace Newsletter.Functions.Tests;

/// <summary>The member portal's functions over real stores on Azurite: who may open what, and a release from file to status.</summary>
[Collection(AzuriteCollection.Name)]
public partial class PortalTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly string Key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private readonly List<MailMessage> sent = [];
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);
    private ServiceProvider services = null!;

    // How many of the next release-notice queue writes fail (FlakyNoticeQueue).
    private int noticeQueueFailures;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["NewsletterStorage"] = azurite.NewAccount(),
            ["App:BaseUrl"] = FunctionRequests.BaseUrl,
            ["Subscriptions:AddressHashKey"] = Key,
            ["Tokens:Keys"] = "k1:" + Key,

            // A busy shared machine must not turn a preview into a parse-timeout.
            ["Ingestion:ParseBudget"] = "00:01:00",

            // A blank sender name: every mail, the portal's too, comes from the network by the one rule (MailOptions.Sender).
            ["App:NetworkName"] = "Research Network Updates",
            ["Mail:FromName"] = " ",
        }).Build();
        services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IMailSender>(new Capturing(sent))
            .AddSingleton<IReleaseNoticePublisher>(sp => new FlakyNoticeQueue(
                new Infrastructure.Portal.QueueReleaseNoticePublisher(sp.GetRequiredService<StorageClients>()), () => Interlocked.Decrement(ref noticeQueueFailures) >= 0))
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton<IConfiguration>(configuration)
            .AddNewsletterFunctions(configuration)
            .BuildServiceProvider();
        await services.GetRequiredService<StorageProvisioner>().EnsureCreatedAsync(CancellationToken.None);
        var members = services.GetRequiredService<MemberService>();
        await members.AddAsync("kth", "KTH Royal Institute of Technology", [], autoPublish: false, CancellationToken.None);
        await members.AddAsync("ucl", "University College London", [], autoPublish: true, CancellationToken.None);
        var people = services.GetRequiredService<PeopleService>();
        await people.AddContactAsync("kth", "press@kth.se", admin: true, CancellationToken.None);
        await people.AddContactAsync("ucl", "press@ucl.ac.uk", admin: false, CancellationToken.None);
        await people.AddEditorAsync("editor@example.org", admin: true, CancellationToken.None);
    }

    public async Task DisposeAsync() => await services.DisposeAsync();

    [Fact]
    public async Task Contact_DropsAMarkdownFile_PreviewsIt_AndSubmits_AndItWaitsForReviewWithMails()
    {
        var kth = await SignInAsync("press@kth.se");
        var dropped = await PostFileAsync(kth, "release.md", "---\ntitle: Quantum sensors reach the clinic\ndate: 2026-11-30\n---\n\nResearchers at KTH show a sensor that reads the heart's field.\n"u8.ToArray());
        Assert.Equal(303, dropped.Status);
        var draft = dropped.Headers.Location.ToString();
        Assert.StartsWith("/portal/drafts/d", draft, StringComparison.Ordinal);

        var preview = await SendAsync(Get(draft, kth));
        Assert.Equal(200, preview.Status);
        Assert.Contains("Quantum sensors reach the clinic", preview.Body, StringComparison.Ordinal);
        Assert.Contains("30 Nov 2026", preview.Body, StringComparison.Ordinal);
        Assert.Contains("The entry in the digest mail", preview.Body, StringComparison.Ordinal);
        Assert.Contains("an editor of the network reviews it", preview.Body, StringComparison.Ordinal);
        Assert.Empty(sent);

        var submitted = await SendAsync(Form(draft, kth, ("action", "submit")));
        Assert.Equal(303, submitted.Status);
        var release = submitted.Headers.Location.ToString();
        var page = await SendAsync(Get(release, kth));
        Assert.Contains("Pending review", page.Body, StringComparison.Ordinal);
        Assert.Contains("<dt>Submitted by</dt><dd>press@kth.se</dd>", page.Body, StringComparison.Ordinal);
        Assert.Equal(["Release received: Quantum sensors reach the clinic", "Release waiting for review: Quantum sensors reach the clinic"], sent.Select(m => m.Subject));
        Assert.All(sent, m => Assert.Equal("press@kth.se", m.To.Address));

        // Listed as pending review; withdrawn, it says so and no editor can publish it.
        var list = await SendAsync(Get("/portal/releases?status=pending-review", kth));
        Assert.Contains("Quantum sensors reach the clinic", list.Body, StringComparison.Ordinal);
        var withdrawn = await SendAsync(Form(release, kth, ("action", "withdraw")));
        Assert.Equal(200, withdrawn.Status);
        Assert.Contains("Withdrawn", withdrawn.Body, StringComparison.Ordinal);
        var record = await services.GetRequiredService<IReleaseLog>().GetAsync("kth", release.Split('/')[^1], CancellationToken.None);
        var update = await services.GetRequiredService<Core.Updates.IUpdateStore>().GetAsync(record!.UpdateId!, CancellationToken.None);
        Assert.Equal(Core.Updates.UpdateStatus.Withdrawn, update!.Status);
    }

    [Fact]
    public async Task AutoPublishMember_SeesItPublished_AndGetsThePublishedMailWithThePublicLink()
    {
        var ucl = await SignInAsync("press@ucl.ac.uk");
        var dropped = await PostFileAsync(ucl, "news.txt", "Bridges that heal themselves\n\n1 Dec 2026\n\nEngineers at UCL built a concrete that closes its own cracks.\n"u8.ToArray());
        var submitted = await SendAsync(Form(dropped.Headers.Location.ToString(), ucl, ("action", "submit")));
        var page = await SendAsync(Get(submitted.Headers.Location.ToString(), ucl));

        Assert.Contains("Published", page.Body, StringComparison.Ordinal);
        var published = Assert.Single(sent, m => m.Subject.StartsWith("Release published", StringComparison.Ordinal));
        Assert.Matches(@"http://127\.0\.0\.1:7071/updates/u[0-9a-f]{24}", published.TextBody);
        Assert.All(sent, m => Assert.Equal("Research Network Updates", m.From.Name));
    }

    [Fact]
    public async Task AContactWhoTurnedMailsOff_GetsNone_AndOneWhoAskedForApiUploads_GetsThose()
    {
        var kth = await SignInAsync("press@kth.se");
        var saved = await SendAsync(Form("/portal/notifications", kth, ("other", "on")));
        Assert.Contains("Your choice is saved.", saved.Body, StringComparison.Ordinal);

        var dropped = await PostFileAsync(kth, "quiet.md", "# A quiet release\n\nNobody is mailed about this release of the lab.\n"u8.ToArray());
        await SendAsync(Form(dropped.Headers.Location.ToString(), kth, ("action", "submit")));
        Assert.Empty(sent);

        // An upload by API key: the contact asked for those.
        var member = (await services.GetRequiredService<IMemberStore>().GetAsync("kth", CancellationToken.None))!;
        await using var scope = services.CreateAsyncScope();
        var submission = scope.ServiceProvider.GetRequiredService<ReleaseSubmission>();
        using var body = new MemoryStream("# Sent by the API\n\nThe lab's own system uploads this release.\n"u8.ToArray());
        var accepted = await submission.SubmitAsync(member, body, body.Length, "api.md", "text/markdown", CancellationToken.None);
        var outcome = await scope.ServiceProvider.GetRequiredService<ReleaseIngestion>().IngestAsync("kth", accepted.Record!.FileName, CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<Core.Portal.ReleaseNotices>().IngestedAsync(outcome!, CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<Core.Portal.ReleaseNotices>().IngestedAsync(outcome!, CancellationToken.None);
        await DrainNoticesAsync();

        var mail = Assert.Single(sent);
        Assert.Equal("Release waiting for review: Sent by the API", mail.Subject);
        Assert.Equal("press@kth.se", mail.To.Address);
        var page = await SendAsync(Get($"/portal/releases/{accepted.Record.ReleaseId}", kth));
        Assert.Contains("<dt>Submitted by</dt><dd>API key, blob or e-mail (no contact known)</dd>", page.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABinaryFile_IsRejectedOnThePage_WithTheApiCode_AndKeptInQuarantine()
    {
        var kth = await SignInAsync("press@kth.se");
        var response = await PostFileAsync(kth, "photo.txt", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0x02]);

        Assert.Equal(422, response.Status);
        Assert.Contains("<code>binary</code>", response.Body, StringComparison.Ordinal);
        Assert.Contains("NUL bytes", response.Body, StringComparison.Ordinal);
        var releaseId = ReleaseLink().Match(response.Body).Groups[1].Value;
        var record = await services.GetRequiredService<IReleaseLog>().GetAsync("kth", releaseId, CancellationToken.None);
        Assert.Equal(ReleaseState.Rejected, record!.State);
        Assert.Equal(RejectionCodes.Binary, record.Rejection!.Code);
        var quarantine = services.GetRequiredService<StorageClients>().Blobs.GetBlobContainerClient(StorageNames.Containers.Quarantine);
        var kept = new List<string>();
        await foreach (var blob in quarantine.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, $"kth/{releaseId}/", CancellationToken.None))
        {
            kept.Add(blob.Name);
        }

        Assert.Contains(kept, n => n.EndsWith(".error.json", StringComparison.Ordinal));

        // The mails and the portal name the file as the contact gave it, and say why in words, without the pipeline's code.
        Assert.Equal(["Release received: photo.txt", "Release not published: photo.txt"], sent.Select(m => m.Subject));
        var list = await SendAsync(Get("/portal/releases", kth));
        var page = await SendAsync(Get($"/portal/releases/{releaseId}", kth));
        Assert.Contains(">photo.txt</a>", list.Body, StringComparison.Ordinal);
        Assert.Contains("NUL bytes", list.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("<code>binary</code>", list.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("<code>binary</code>", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain($"{releaseId}-photo.txt", list.Body + page.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePreview_NamesTheTopicsAsTheFormOffersThem_OnALineOfTheirOwn()
    {
        var kth = await SignInAsync("press@kth.se");
        var previewed = await SendAsync(Form("/portal/preview", kth, ("source", "form"), ("title", "A grant for quantum sensors"), ("date", "2026-11-30"),
            ("body", "KTH receives a grant for its sensor work."), ("topics", "Funding")));
        var preview = previewed.Status == 303 ? await SendAsync(Get(previewed.Headers.Location.ToString(), kth)) : previewed;

        Assert.Equal(200, preview.Status);
        Assert.Contains("<p>Topics: Funding.</p>", preview.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheForm_WithProblems_ComesBackWithTheValuesAndAMessagePerField()
    {
        var kth = await SignInAsync("press@kth.se");
        var response = await SendAsync(Form("/portal/preview", kth, ("source", "form"), ("title", ""), ("date", "30/11/2026"), ("body", "Text <b>kept</b>"),
            ("topics", "Gardening"), ("url", "javascript:alert(1)"), ("contact0-name", "Ada"), ("contact0-email", "not an address")));

        Assert.Equal(400, response.Status);
        Assert.Contains("Enter the release&#x27;s title.", response.Body, StringComparison.Ordinal);
        Assert.Contains("Enter the date as year-month-day", response.Body, StringComparison.Ordinal);
        Assert.Contains("is not one of your topics", response.Body, StringComparison.Ordinal);
        Assert.Contains("starting with https://", response.Body, StringComparison.Ordinal);
        Assert.Contains("Enter an e-mail address like", response.Body, StringComparison.Ordinal);
        Assert.Contains("Text &lt;b&gt;kept&lt;/b&gt;</textarea>", response.Body, StringComparison.Ordinal);
        Assert.Contains("value=\"not an address\"", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryPortalRoute_RefusesAnonymousVisitors_PeopleWithoutTheRole_OtherMembers_AndFormsWithoutTheToken()
    {
        var kth = await SignInAsync("press@kth.se");
        var dropped = await PostFileAsync(kth, "release.md", "# A KTH release\n\nText of the release, dated 30 Nov 2026.\n"u8.ToArray());
        Assert.True(dropped.Status == 303, dropped.Body);
        var submitted = await SendAsync(Form(dropped.Headers.Location.ToString(), kth, ("action", "submit")));
        Assert.True(submitted.Status == 303, submitted.Body);
        var release = submitted.Headers.Location.ToString();
        var second = await PostFileAsync(kth, "second.md", "# Another KTH release\n\nThe second release tells of a new lab for batteries that last for decades.\n"u8.ToArray());
        Assert.True(second.Status == 303, second.Body);
        var draft = second.Headers.Location.ToString();
        var draftId = draft.Split('/')[^1];
        var withImage = await PostFormAsync(kth, TestImages.Halves(400, 300), [("title", "With a picture"), ("body", "Text."), .. ImageDetailsGiven]);
        var image = PreviewImage().Match((await SendAsync(Get(withImage.Headers.Location.ToString(), kth))).Body).Groups[1].Value;
        Assert.StartsWith("/portal/drafts/d", image, StringComparison.Ordinal);

        var ucl = await SignInAsync("press@ucl.ac.uk");
        var editor = await SignInAsync("editor@example.org");
        string[] gets = ["/portal", "/portal/submit", "/portal/releases", "/portal/notifications", "/portal/admin", "/portal/help", draft, release, $"/portal/submit?draft={draftId}", image, "/portal/live-preview.js"];
        string[] posts = ["/portal/preview", "/portal/notifications", "/portal/admin", draft, release, "/portal/markdown"];

        foreach (var path in gets)
        {
            var anonymous = await SendAsync(Get(path, null));
            Assert.True(anonymous.Status == 303 && anonymous.Headers.Location == $"{FunctionRequests.BaseUrl}/signin", $"GET {path} anonymous: {anonymous.Status}");
            Assert.True((await SendAsync(Get(path, editor))).Status == 403, $"GET {path} as an editor");
            Assert.True((await SendAsync(Get(path, kth))).Status == 200, $"GET {path} as the member's contact");
        }

        foreach (var path in posts)
        {
            var anonymous = await SendAsync(Form(path, null, ("action", "submit")));
            Assert.True(anonymous.Status == 303, $"POST {path} anonymous: {anonymous.Status}");
            Assert.True((await SendAsync(Form(path, editor, ("action", "submit")))).Status == 403, $"POST {path} as an editor");
            var forged = await SendAsync(Form(path, kth with { Token = "" }, ("action", "submit"), ("source", "form")));
            Assert.True(forged.Status == 403 && forged.Body.Contains("This form could not be accepted", StringComparison.Ordinal), $"POST {path} without the token: {forged.Status}");
        }

        // Another member's contact: the kth ids do not exist for them; the admin pages need the member's administrator.
        foreach (var path in new[] { draft, release, $"/portal/submit?draft={draftId}", image })
        {
            Assert.True((await SendAsync(Get(path, ucl))).Status == 404, $"GET {path} as another member's contact");
        }

        foreach (var (path, action) in new[] { (draft, "delete"), (draft, "submit"), (release, "withdraw"), (release, "edit") })
        {
            Assert.True((await SendAsync(Form(path, ucl, ("action", action)))).Status is 404, $"POST {path} {action} as another member's contact");
        }

        var notAdmin = await SendAsync(Get("/portal/admin", ucl));
        Assert.Equal(403, notAdmin.Status);
        Assert.Contains("Only your member&#x27;s administrator can manage contacts and keys.", notAdmin.Body, StringComparison.Ordinal);
        Assert.Equal(403, (await SendAsync(Form("/portal/admin", ucl, ("action", "create-key")))).Status);
        var own = await SendAsync(Get(draft, kth));
        Assert.Equal(200, own.Status);
        Assert.DoesNotContain("(members and editors)", own.Body, StringComparison.Ordinal);
        Assert.Contains(">Your start page</a> (signed in)", own.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APreviewNeitherSavedNorSubmitted_ExpiresAfterADay_AndTheNextPreviewDeletesIt()
    {
        var kth = await SignInAsync("press@kth.se");
        var left = (await PostFileAsync(kth, "left.md", "# Left behind\n\nA preview nobody saved or submitted.\n"u8.ToArray())).Headers.Location.ToString();
        var kept = (await PostFileAsync(kth, "kept.md", "# Kept as a draft\n\nA preview saved as a draft.\n"u8.ToArray())).Headers.Location.ToString();
        Assert.Equal(303, (await SendAsync(Form(kept, kth, ("action", "save")))).Status);

        // A day on, with a session of that day.
        clock.Advance(PortalDraft.UnsavedLifetime - TimeSpan.FromMinutes(1));
        kth = await SignInAsync("press@kth.se");
        Assert.Equal(200, (await SendAsync(Get(left, kth))).Status);
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(404, (await SendAsync(Get(left, kth))).Status);
        Assert.Equal(404, (await SendAsync(Form(left, kth, ("action", "submit")))).Status);
        Assert.Equal(200, (await SendAsync(Get(kept, kth))).Status);

        // Stored until the member's next preview, which deletes it, row and content; the saved draft stays.
        var store = services.GetRequiredService<IPortalStore>();
        Assert.Equal(2, (await store.ListDraftsAsync("kth", CancellationToken.None)).Count);
        var next = (await PostFileAsync(kth, "next.md", "# The next one\n\nA new preview a day later.\n"u8.ToArray())).Headers.Location.ToString();
        var drafts = (await store.ListDraftsAsync("kth", CancellationToken.None)).Select(d => PortalPaths.Draft(d.Id)).Order(StringComparer.Ordinal);
        Assert.Equal(new[] { kept, next }.Order(StringComparer.Ordinal), drafts);
        Assert.Null(await store.GetDraftAsync("kth", left.Split('/')[^1], CancellationToken.None));
    }

    [Fact]
    public async Task TheMembersAdministrator_InvitesAndRemovesContacts_AndCreatesAndRevokesKeys_EachRecorded()
    {
        var kth = await SignInAsync("press@kth.se");
        var invited = await SendAsync(Form("/portal/admin", kth, ("action", "invite"), ("email", "news@kth.se")));
        Assert.Contains("An invitation is on its way to news@kth.se", invited.Body, StringComparison.Ordinal);
        Assert.Equal(200, (await AcceptAsync(InvitationLink("news@kth.se"))).Status);
        var created = await SendAsync(Form("/portal/admin", kth, ("action", "create-key")));
        var key = NewKey().Match(created.Body).Groups[1].Value;
        var member = (await services.GetRequiredService<IMemberStore>().GetAsync("kth", CancellationToken.None))!;
        Assert.True(MemberService.Verify(member, key));
        var keyId = key["nk_".Length..].Split('.')[0];
        var revoked = await SendAsync(Form("/portal/admin", kth, ("action", "revoke-key"), ("key", keyId)));
        Assert.Contains($"API key {keyId} is revoked", revoked.Body, StringComparison.Ordinal);
        var removed = await SendAsync(Form("/portal/admin", kth, ("action", "remove"), ("email", "news@kth.se")));
        Assert.Contains("no longer a contact", removed.Body, StringComparison.Ordinal);

        var page = await SendAsync(Get("/portal/admin", kth));
        Assert.DoesNotContain(key, page.Body, StringComparison.Ordinal);
        foreach (var action in new[] { "contact-invited: news@kth.se", $"api-key-created: {keyId}", $"api-key-revoked: {keyId}", "contact-removed: news@kth.se" })
        {
            Assert.Contains(action, page.Body, StringComparison.Ordinal);
        }

        Assert.False(MemberService.Verify((await services.GetRequiredService<IMemberStore>().GetAsync("kth", CancellationToken.None))!, key));
    }

    private sealed record Visitor(string Cookie, string Token);

    private async Task<Visitor> SignInAsync(string email)
    {
        Assert.True(EmailAddress.TryParse(email, out var address, out _));
        var person = (await services.GetRequiredService<PeopleService>().FindAsync(address!, CancellationToken.None))!;
        var sessions = services.GetRequiredService<SessionService>();
        var (_, secret) = await sessions.StartAsync(person.Id, CancellationToken.None);
        var signedIn = await sessions.FindAsync(secret, CancellationToken.None);
        return new Visitor($"session={secret}", signedIn!.AntiForgeryToken);
    }

    private static HttpRequest Get(string path, Visitor? visitor) => WithCookie(FunctionRequests.Get(path), visitor);

    private static HttpRequest Form(string path, Visitor? visitor, params (string Name, string Value)[] fields) =>
        WithCookie(FunctionRequests.Form(path, fields.Select(f => KeyValuePair.Create(f.Name, f.Value))
            .Append(KeyValuePair.Create("antiforgery", visitor?.Token ?? string.Empty)).Where(f => f.Key != "antiforgery" || f.Value.Length > 0)), visitor);

    private async Task<FunctionResponse> PostFileAsync(Visitor visitor, string fileName, byte[] content)
    {
        using var multipart = new MultipartFormDataContent();
        multipart.Add(new StringContent(visitor.Token), "antiforgery");
        multipart.Add(new StringContent("file"), "source");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        multipart.Add(file, "file", fileName);
        var body = await multipart.ReadAsByteArrayAsync();
        var request = FunctionRequests.Build(HttpMethods.Post, "/portal/preview", body, multipart.Headers.ContentType!.ToString());
        return await SendAsync(WithCookie(request, visitor));
    }

    private static HttpRequest WithCookie(HttpRequest request, Visitor? visitor)
    {
        if (visitor is not null)
        {
            request.Headers.Cookie = visitor.Cookie;
        }

        return request;
    }

    /// <summary>Routes the request to its portal function as the host would.</summary>
    private async Task<FunctionResponse> SendAsync(HttpRequest request)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var path = request.Path.Value!;
        var post = request.Method == HttpMethods.Post;
        var id = path.Split('/')[^1];
        var none = CancellationToken.None;
        IActionResult result = path switch
        {
            "/portal" => await sp.GetRequiredService<PortalHome>().Run(request, none),
            "/portal/help" => await sp.GetRequiredService<PortalHelp>().Run(request, none),
            "/portal/submit" => await sp.GetRequiredService<PortalSubmitForm>().Run(request, none),
            "/portal/preview" => await sp.GetRequiredService<PortalPreview>().Run(request, none),
            "/portal/markdown" => await sp.GetRequiredService<PortalRenderText>().Run(request, none),
            "/portal/live-preview.js" => await sp.GetRequiredService<PortalLivePreviewScript>().Run(request, none),
            "/portal/releases" => await sp.GetRequiredService<PortalReleaseList>().Run(request, none),
            "/portal/notifications" when post => await sp.GetRequiredService<PortalNotificationsSave>().Run(request, none),
            "/portal/notifications" => await sp.GetRequiredService<PortalNotifications>().Run(request, none),
            "/portal/admin" when post => await sp.GetRequiredService<PortalAdminAction>().Run(request, none),
            "/portal/admin" => await sp.GetRequiredService<PortalAdmin>().Run(request, none),
            "/portal/join" => await sp.GetRequiredService<PortalJoin>().Run(request, none),
            _ when path.StartsWith("/portal/drafts/", StringComparison.Ordinal) && path.Contains("/image/", StringComparison.Ordinal) =>
                await sp.GetRequiredService<PortalDraftImage>().Run(request, path.Split('/')[3], id, none),
            _ when path.StartsWith("/portal/drafts/", StringComparison.Ordinal) && post => await sp.GetRequiredService<PortalDraftAction>().Run(request, id, none),
            _ when path.StartsWith("/portal/drafts/", StringComparison.Ordinal) => await sp.GetRequiredService<PortalDraftPreview>().Run(request, id, none),
            _ when path.StartsWith("/portal/releases/", StringComparison.Ordinal) && post => await sp.GetRequiredService<PortalReleaseAction>().Run(request, id, none),
            _ when path.StartsWith("/portal/releases/", StringComparison.Ordinal) => await sp.GetRequiredService<PortalReleaseView>().Run(request, id, none),
            _ => throw new ArgumentException($"No portal route for {path}", nameof(request)),
        };
        var response = await result.ExecuteAsync(request);
        await DrainNoticesAsync();
        return response;
    }

    [GeneratedRegex("href=\"/portal/releases/(r[0-9a-f]+)\"")]
    private static partial Regex ReleaseLink();

    [GeneratedRegex("value=\"(nk_[^\"]+)\"")]
    private static partial Regex NewKey();

    private sealed class Capturing(List<MailMessage> sent) : IMailSender
    {
        public Task SendAsync(MailMessage message, CancellationToken cancellationToken)
        {
            lock (sent)
            {
                sent.Add(message);
            }

            return Task.CompletedTask;
        }
    }
}
