using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Newsletter.Core.Editorial;
using Newsletter.Core.Embargoes;
using Newsletter.Core.Mail;
using Newsletter.Core.Members;
using Newsletter.Core.Portal;
using Newsletter.Core.Releases;
using Newsletter.Core.Updates;
using Newsletter.Infrastructure.Mail;
using Newsletter.Infrastructure.Storage;

namespace Newsletter.Functions.Tests;

/// <summary>The release mails to members' contacts, from the event that sends each one to the MIME a contact receives.</summary>
public partial class PortalTests
{
    private const string Editor = "editor@example.org";

    [Fact]
    public async Task TopicsAreStoredByKey_AnEditOfTheirCaseAloneIsNoChange_AndTheMailShowsTheirLabels()
    {
        var kth = await SignInAsync("press@kth.se");
        var (_, update) = await SubmitInPortalAsync(kth, "---\ntitle: Sand battery keeps heat for months\ndate: 2026-11-30\ntopics: Research\n---\n\nResearchers at KTH keep the summer's heat in sand until the winter.\n");
        var editorial = services.GetRequiredService<EditorialService>();
        Assert.Equal(["research"], update.Topics);

        var caseOnly = await editorial.EditAsync(update.Id, Editor, new UpdateEdit(update.Title, update.Summary, update.Organisation, ["RESEARCH"]), CancellationToken.None);
        var edited = await editorial.EditAsync(update.Id, Editor, new UpdateEdit(update.Title, update.Summary, update.Organisation, ["Research", "Innovation"]), CancellationToken.None);
        Assert.Equal(EditorialOutcome.Unchanged, caseOnly.Outcome);
        Assert.Equal(EditorialOutcome.Done, edited.Outcome);
        Assert.Equal(["research", "innovation"], edited.Update!.Topics);
        Assert.Equal(EditorialOutcome.Done, (await editorial.ApproveAsync(update.Id, Editor, CancellationToken.None)).Outcome);
        await DrainNoticesAsync();

        var published = Assert.Single(sent, m => m.Subject == "Release published: Sand battery keeps heat for months");
        Assert.Contains("- Topics: \"Research\" -> \"Research, Innovation\"\n", published.TextBody, StringComparison.Ordinal);
        Assert.Contains("<del>Research</del>", published.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishedMail_AfterAnEditorsEdits_SaysWhatChanged_FromTheMembersTextToThePublishedOne()
    {
        var kth = await SignInAsync("press@kth.se");
        var (_, update) = await SubmitInPortalAsync(kth, "---\ntitle: Quantum sensors reach clinic\ndate: 2026-11-30\ntopics: Research\n---\n\nResearchers at KTH show a sensor that reads the heart's field.\n");
        var editorial = services.GetRequiredService<EditorialService>();

        // Two edits of the title: the mail goes from the member's text to the published one.
        Assert.Equal(EditorialOutcome.Done, (await editorial.EditAsync(update.Id, Editor, new UpdateEdit("Quantum sensors reach a clinic", update.Summary, update.Organisation, update.Topics), CancellationToken.None)).Outcome);
        Assert.Equal(EditorialOutcome.Done, (await editorial.EditAsync(update.Id, Editor,
            new UpdateEdit("Quantum sensors <b>reach</b> the clinic", "A sensor reads the heart's field & more.", "KTH & Karolinska", ["Research", "Funding"]), CancellationToken.None)).Outcome);
        Assert.Equal(EditorialOutcome.Done, (await editorial.ApproveAsync(update.Id, Editor, CancellationToken.None)).Outcome);
        await DrainNoticesAsync();

        var published = Assert.Single(sent, m => m.Subject.StartsWith("Release published", StringComparison.Ordinal));
        Assert.Equal("press@kth.se", published.To.Address);
        Assert.Equal("Release published: Quantum sensors <b>reach</b> the clinic", published.Subject);
        Assert.Contains("Before publishing it, an editor changed:\n"
            + "- Title: \"Quantum sensors reach clinic\" -> \"Quantum sensors <b>reach</b> the clinic\"\n"
            + $"- Summary: \"{update.Summary}\" -> \"A sensor reads the heart's field & more.\"\n"
            + $"- Organisation: \"{update.Organisation}\" -> \"KTH & Karolinska\"\n"
            + "- Topics: \"Research\" -> \"Research, Funding\"\n", published.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>reach</b>", published.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<del>Quantum sensors reach clinic</del>", published.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<ins>Quantum sensors &lt;b&gt;reach&lt;/b&gt; the clinic</ins>", published.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"/updates/{update.Id}", published.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbargoedRelease_ScheduledMailGivesTheLiftInTheNetworksZoneAndUtc_AndTheLiftMailsPublishedOnce()
    {
        var kth = await SignInAsync("press@kth.se");
        var lift = new DateTimeOffset(clock.GetUtcNow().UtcDateTime.Date.AddDays(3).AddHours(9), TimeSpan.Zero);
        var (releaseId, update) = await SubmitInPortalAsync(kth,
            $"---\ntitle: Sensors under embargo\ndate: 2026-11-30\nembargo: {lift:yyyy-MM-ddTHH:mm:ssZ}\n---\n\nResearchers at KTH keep this quiet until the embargo lifts.\n");
        await services.GetRequiredService<EditorialService>().ApproveAsync(update.Id, Editor, CancellationToken.None);
        await DrainNoticesAsync();

        var scheduled = Assert.Single(sent, m => m.Subject == "Release approved and scheduled: Sensors under embargo");
        var local = TimeZoneInfo.ConvertTime(lift, TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels"));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"on {local:d MMM yyyy, HH:mm} Europe/Brussels ({lift:HH:mm} UTC)."), scheduled.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(sent, m => m.Subject.StartsWith("Release published", StringComparison.Ordinal));

        // The timer runs before, at and after the lift, and once more as a retry: one "published" mail.
        var embargoes = services.GetRequiredService<EmbargoService>();
        Assert.Equal(0, await embargoes.PublishDueAsync(CancellationToken.None));
        clock.Advance(lift - clock.GetUtcNow() + TimeSpan.FromSeconds(30));
        Assert.Equal(1, await embargoes.PublishDueAsync(CancellationToken.None));
        Assert.Equal(0, await embargoes.PublishDueAsync(CancellationToken.None));
        var now = (await services.GetRequiredService<IUpdateStore>().GetAsync(update.Id, CancellationToken.None))!;
        await services.GetRequiredService<ReleaseNotices>().ChangedAsync(now, CancellationToken.None);
        await DrainNoticesAsync();

        var published = Assert.Single(sent, m => m.Subject.StartsWith("Release published", StringComparison.Ordinal));
        Assert.Equal("press@kth.se", published.To.Address);
        Assert.Contains($"Read it on the site: http://127.0.0.1:7071/updates/{update.Id}", published.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/portal/releases/{releaseId}", published.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEditorsCorrectionAndWithdrawal_OfAPublishedUpdate_MailTheSubmitterAndTheRequester_WithTheNote()
    {
        await services.GetRequiredService<Core.Access.PeopleService>().AddContactAsync("ucl", "comms@ucl.ac.uk", admin: false, CancellationToken.None);
        var ucl = await SignInAsync("press@ucl.ac.uk");
        var comms = await SignInAsync("comms@ucl.ac.uk");
        var (releaseId, update) = await SubmitInPortalAsync(ucl, "# Bridges that heal themselves\n\n1 Dec 2026\n\nEngineers at UCL built a concrete that closes its own cracks.\n", "ucl");
        var asked = await SendAsync(Form($"/portal/releases/{releaseId}", comms, ("action", "request"), ("kind", "withdrawal"), ("text", "The results are under review.")));
        Assert.Equal(200, asked.Status);
        sent.Clear();
        var editorial = services.GetRequiredService<EditorialService>();

        await editorial.CorrectAsync(update.Id, Editor, new UpdateEdit("Bridges that heal their cracks", update.Summary, update.Organisation, update.Topics), CancellationToken.None);
        await editorial.WithdrawAsync(update.Id, Editor, "Withdrawn at the member's request: results <i>under</i> review", CancellationToken.None);
        await editorial.WithdrawAsync(update.Id, Editor, "Withdrawn again", CancellationToken.None);
        await DrainNoticesAsync();

        var corrected = sent.Where(m => m.Subject == "Release corrected: Bridges that heal their cracks").Select(m => m.To.Address).Order().ToArray();
        Assert.Equal(["comms@ucl.ac.uk", "press@ucl.ac.uk"], corrected);
        Assert.Contains("The editor changed:\n- Title: \"Bridges that heal themselves\" -> \"Bridges that heal their cracks\"",
            sent.First(m => m.Subject.StartsWith("Release corrected", StringComparison.Ordinal)).TextBody, StringComparison.Ordinal);
        var withdrawn = sent.Where(m => m.Subject == "Release withdrawn: Bridges that heal their cracks").ToArray();
        Assert.Equal(["comms@ucl.ac.uk", "press@ucl.ac.uk"], withdrawn.Select(m => m.To.Address).Order());
        Assert.All(withdrawn, m => Assert.Contains("The editor's note: Withdrawn at the member's request: results <i>under</i> review", m.TextBody, StringComparison.Ordinal));
        Assert.All(withdrawn, m => Assert.Contains("The editor&#x27;s note: Withdrawn at the member&#x27;s request: results &lt;i&gt;under&lt;/i&gt; review", m.HtmlBody, StringComparison.Ordinal));
        Assert.Equal(4, sent.Count);
    }

    [Fact]
    public async Task RejectionMail_CarriesTheEditorsReasonVerbatim_AndAParserRejection_ItsCodeAndMessage()
    {
        var kth = await SignInAsync("press@kth.se");
        var (_, update) = await SubmitInPortalAsync(kth, "# A lab's open day\n\nThe lab opens its doors to visitors on Saturday.\n");
        var reason = "Not research news: see <a href=\"https://example.org\">our scope</a> & \"what we publish\"";
        await services.GetRequiredService<EditorialService>().RejectAsync(update.Id, Editor, reason, CancellationToken.None);
        await DrainNoticesAsync();

        var rejected = Assert.Single(sent, m => m.Subject == "Release not published: A lab's open day");
        Assert.Contains($"The reason: {reason}\n", rejected.TextBody, StringComparison.Ordinal);
        Assert.Contains("The reason: Not research news: see &lt;a href=&quot;https://example.org&quot;&gt;our scope&lt;/a&gt; &amp; &quot;what we publish&quot;", rejected.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<a href=\"https://example.org\">", rejected.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Rejection code", rejected.TextBody, StringComparison.Ordinal);

        sent.Clear();
        await SendAsync(Form("/portal/notifications", kth, ("own", "on"), ("other", "on")));
        var outcome = await UploadAsync("kth", "scan.txt", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0x02], "text/plain");
        Assert.Equal(ReleaseState.Rejected, outcome.Record.State);
        var parser = Assert.Single(sent, m => m.Subject == "Release not published: scan.txt");
        Assert.Contains($"The reason: {outcome.Record.Rejection!.Message}\n\nRejection code: binary", parser.TextBody, StringComparison.Ordinal);
        Assert.Contains("<code>binary</code>", parser.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEmailFromAContactsAddress_IsTheirSubmission_AndAStrangersGoesToTheContactsWhoAskedForUploads()
    {
        await services.GetRequiredService<Core.Access.PeopleService>().AddContactAsync("kth", "news@kth.se", admin: false, CancellationToken.None);
        var kth = await SignInAsync("press@kth.se");

        var fromContact = await UploadAsync("kth", "forwarded.eml", Eml("KTH News <NEWS@kth.se>", "Quantum sensors reach the clinic"), "message/rfc822");
        var mail = Assert.Single(sent);
        Assert.Equal("news@kth.se", mail.To.Address);
        Assert.Equal("Release waiting for review: Quantum sensors reach the clinic", mail.Subject);
        var page = await SendAsync(Get($"/portal/releases/{fromContact.Record.ReleaseId}", kth));
        Assert.Contains("<dt>Submitted by</dt><dd>news@kth.se</dd>", page.Body, StringComparison.Ordinal);

        // The contact submitted it: an editor's decision goes to them too.
        await services.GetRequiredService<EditorialService>().RejectAsync(fromContact.Update!.Id, Editor, "Out of scope", CancellationToken.None);
        await DrainNoticesAsync();
        Assert.Equal(["news@kth.se", "news@kth.se"], sent.Select(m => m.To.Address));

        // A stranger's e-mail: nobody submitted it, so only the contacts who asked for such uploads hear of it.
        sent.Clear();
        await UploadAsync("kth", "stranger.eml", Eml("Someone <someone@elsewhere.example>", "Batteries that last a decade"), "message/rfc822");
        Assert.Empty(sent);
        await SendAsync(Form("/portal/notifications", kth, ("own", "on"), ("other", "on")));
        await UploadAsync("kth", "stranger2.eml", Eml("Someone <someone@elsewhere.example>", "Glass that cools buildings"), "message/rfc822");
        Assert.Equal("press@kth.se", Assert.Single(sent).To.Address);
    }

    [Fact]
    public async Task AContactWhoTurnsOffTheirReleaseMails_GetsNoneOfAnyKind_AndTurnedOnAgainGetsThem()
    {
        var kth = await SignInAsync("press@kth.se");
        var saved = await SendAsync(Form("/portal/notifications", kth));
        Assert.Contains("Your choice is saved.", saved.Body, StringComparison.Ordinal);
        var editorial = services.GetRequiredService<EditorialService>();
        var lift = clock.GetUtcNow().AddDays(2);

        // Received, waiting for review, scheduled (edited), published by the lift, corrected, withdrawn.
        var (_, embargoed) = await SubmitInPortalAsync(kth, $"---\ntitle: Sensors under embargo\nembargo: {lift:yyyy-MM-ddTHH:mm:ssZ}\n---\n\nThe lab keeps this quiet until the embargo lifts.\n");
        await editorial.EditAsync(embargoed.Id, Editor, new UpdateEdit("Sensors, under embargo", embargoed.Summary, embargoed.Organisation, embargoed.Topics), CancellationToken.None);
        await editorial.ApproveAsync(embargoed.Id, Editor, CancellationToken.None);
        clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(1, await services.GetRequiredService<EmbargoService>().PublishDueAsync(CancellationToken.None));
        await editorial.CorrectAsync(embargoed.Id, Editor, new UpdateEdit("Sensors, once under embargo", embargoed.Summary, embargoed.Organisation, embargoed.Topics), CancellationToken.None);
        await editorial.WithdrawAsync(embargoed.Id, Editor, "Withdrawn", CancellationToken.None);

        // Rejected by an editor, and by the parser (signed in again: three days passed).
        kth = await SignInAsync("press@kth.se");
        var (_, other) = await SubmitInPortalAsync(kth, "# A lab's open day\n\nThe lab opens its doors to visitors on Saturday.\n");
        await editorial.RejectAsync(other.Id, Editor, "Out of scope", CancellationToken.None);
        Assert.Equal(422, (await PostFileAsync(kth, "photo.txt", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01])).Status);
        await DrainNoticesAsync();
        Assert.Equal("withdrawn", UpdateStatuses.Name((await services.GetRequiredService<IUpdateStore>().GetAsync(embargoed.Id, CancellationToken.None))!.Status));
        Assert.Empty(sent);

        await SendAsync(Form("/portal/notifications", kth, ("own", "on")));
        await SubmitInPortalAsync(kth, "# Mails again\n\nThe lab's next release is mailed again.\n");
        Assert.Equal(["Release received: Mails again", "Release waiting for review: Mails again"], sent.Select(m => m.Subject));
    }

    [Fact]
    public async Task HostileValuesFromTheRelease_ReachNoHeader_InTheMimeTheContactReceives()
    {
        await services.GetRequiredService<MemberService>().AddAsync("evil", "Evil <script>alert(1)</script> & Co", [], autoPublish: true, CancellationToken.None);
        await services.GetRequiredService<Core.Access.PeopleService>().AddContactAsync("evil", "press@evil.example", admin: false, CancellationToken.None);
        await SendAsync(Form("/portal/notifications", await SignInAsync("press@evil.example"), ("own", "on"), ("other", "on")));
        var json = "{\"title\": \"Cure found\\r\\nBcc: victim@example.org\\r\\n\\r\\n<script>alert(1)</script>\\u0007\\u202e\", \"date\": \"2026-11-30\","
            + " \"summary\": \"Line\\r\\nX-Injected: yes\", \"bodyText\": \"A body of text that says enough about the cure to be a release.\"}";

        await UploadAsync("evil", "cure.json", Encoding.UTF8.GetBytes(json), "application/json");

        var message = Assert.Single(sent, m => m.Subject.StartsWith("Release published", StringComparison.Ordinal));
        using var wire = new MemoryStream();
        await MimeMail.Create(message, clock.GetUtcNow()).WriteToAsync(wire);
        wire.Position = 0;
        var received = await MimeMessage.LoadAsync(wire);
        Assert.Equal("Release published: Cure found", received.Subject);
        Assert.Empty(received.Bcc);
        Assert.Equal(["press@evil.example"], received.To.Mailboxes.Select(m => m.Address));
        Assert.DoesNotContain(received.Headers, h => h.Field is "Bcc" or "X-Injected");
        Assert.DoesNotContain(received.TextBody!.Split('\n'), l => l.StartsWith("Bcc:", StringComparison.Ordinal) || l.StartsWith("X-Injected", StringComparison.Ordinal));
        Assert.DoesNotContain("<script>", received.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Evil &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co", received.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("Research Network Updates", Assert.Single(received.From.Mailboxes).Name);
    }

    [Fact]
    public async Task ANoticeJobDeliveredTwice_MailsEachContactOnce()
    {
        await services.GetRequiredService<Core.Access.PeopleService>().AddContactAsync("ucl", "comms@ucl.ac.uk", admin: false, CancellationToken.None);
        await SendAsync(Form("/portal/notifications", await SignInAsync("comms@ucl.ac.uk"), ("own", "on"), ("other", "on")));
        await SendAsync(Form("/portal/notifications", await SignInAsync("press@ucl.ac.uk"), ("own", "on"), ("other", "on")));
        var member = (await services.GetRequiredService<IMemberStore>().GetAsync("ucl", CancellationToken.None))!;
        await using var scope = services.CreateAsyncScope();
        using var body = new MemoryStream("# Sent by the API\n\nThe lab's own system uploads this release of several words.\n"u8.ToArray());
        var accepted = await scope.ServiceProvider.GetRequiredService<ReleaseSubmission>().SubmitAsync(member, body, body.Length, "api.md", "text/markdown", CancellationToken.None);
        var outcome = await scope.ServiceProvider.GetRequiredService<ReleaseIngestion>().IngestAsync("ucl", accepted.Record!.FileName, CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<ReleaseNotices>().IngestedAsync(outcome!, CancellationToken.None);

        // The queue hands the job over again (a host that stopped before deleting it): the second run mails nobody.
        var job = Assert.Single(await DrainNoticesAsync(keep: true));
        await scope.ServiceProvider.GetRequiredService<SendReleaseNotice>().Run(QueueBinding.Bind<ReleaseNoticeJob>(scope.ServiceProvider, job), CancellationToken.None);

        Assert.Equal(["comms@ucl.ac.uk", "press@ucl.ac.uk"], sent.Select(m => m.To.Address).Order());
        Assert.All(sent, m => Assert.Equal("Release published: Sent by the API", m.Subject));
    }

    /// <summary>Drops the file in the portal and submits it: the release's id and the update it became.</summary>
    private async Task<(string ReleaseId, Update Update)> SubmitInPortalAsync(Visitor visitor, string markdown, string memberId = "kth")
    {
        var dropped = await PostFileAsync(visitor, "release.md", Encoding.UTF8.GetBytes(markdown));
        Assert.Equal(303, dropped.Status);
        var submitted = await SendAsync(Form(dropped.Headers.Location.ToString(), visitor, ("action", "submit")));
        var releaseId = submitted.Headers.Location.ToString().Split('/')[^1];
        var record = await services.GetRequiredService<IReleaseLog>().GetAsync(memberId, releaseId, CancellationToken.None);
        return (releaseId, (await services.GetRequiredService<IUpdateStore>().GetAsync(record!.UpdateId!, CancellationToken.None))!);
    }

    /// <summary>An upload by API key (as the blob and e-mail doors store it), ingested and noticed as the blob trigger does.</summary>
    private async Task<IngestionOutcome> UploadAsync(string memberId, string fileName, byte[] content, string contentType)
    {
        var member = (await services.GetRequiredService<IMemberStore>().GetAsync(memberId, CancellationToken.None))!;
        await using var scope = services.CreateAsyncScope();
        using var body = new MemoryStream(content);
        var accepted = await scope.ServiceProvider.GetRequiredService<ReleaseSubmission>().SubmitAsync(member, body, body.Length, fileName, contentType, CancellationToken.None);
        var outcome = await scope.ServiceProvider.GetRequiredService<ReleaseIngestion>().IngestAsync(memberId, accepted.Record!.FileName, CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<ReleaseNotices>().IngestedAsync(outcome!, CancellationToken.None);
        await DrainNoticesAsync();
        return outcome!;
    }

    /// <summary>Runs the queued release mails as the queue trigger would, each message once unless <paramref name="keep"/>.</summary>
    private async Task<IReadOnlyList<string>> DrainNoticesAsync(bool keep = false)
    {
        var queue = services.GetRequiredService<StorageClients>().Queues.GetQueueClient(StorageNames.Queues.ReleaseNotices);
        var handled = new List<string>();
        foreach (var message in (await queue.ReceiveMessagesAsync(32)).Value)
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SendReleaseNotice>().Run(QueueBinding.Bind<ReleaseNoticeJob>(scope.ServiceProvider, message.MessageText), CancellationToken.None);
            handled.Add(message.MessageText);
            if (!keep)
            {
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }

        return handled;
    }

    private static byte[] Eml(string from, string subject)
    {
        var message = new MimeMessage { Subject = subject, Date = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero) };
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse("updates@network.example"));
        message.Body = new TextPart("plain") { Text = $"{subject}\n\nResearchers at KTH describe the work in a release of several sentences for the network's readers.\n" };
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }
}
