using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Newsletter.Core.Editorial;
using Newsletter.Core.Members;
using Newsletter.Core.Releases;
using Newsletter.Core.Updates;
using Newsletter.Functions.Console;
using Newsletter.Functions.Portal;
using Newsletter.Testing;

namespace Newsletter.Functions.Tests.Console;

/// <summary>
/// An e-mail's picture, kept as a candidate: the member completes it on the release's portal page, an editor on the
/// update's console page, with the same form; each checks who asks and the form's token.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CandidateImageTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly ConsoleHarness app = new(azurite);

    public async Task InitializeAsync() => await app.StartAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task TheMember_CompletesTheEmailsPicture_OnTheReleasePage_AndOnlyThen_ItIsShown()
    {
        var (releaseId, update) = await IngestEmailAsync("New microscope opens at the institute");
        var (contact, token) = await app.SignInAsync("press@kth.se");
        var path = $"/portal/releases/{releaseId}";

        var page = await app.GetAsync<PortalReleaseView>(path, contact, (f, r) => f.Run(r, releaseId, CancellationToken.None));
        Assert.Contains("Image from the e-mail: not shown yet", page.Body, StringComparison.Ordinal);
        Assert.Contains($"src=\"/media/{update.Id}/{update.Image!.AtLeast(600).Name}\"", page.Body, StringComparison.Ordinal);

        // Without the token, refused; with a missing credit, sent back with what was typed and why.
        var forged = await app.PostAsync<PortalReleaseAction>(path, contact, null, Details("complete-image", "The microscope in its room", "Photo: KTH"),
            (f, r) => f.Run(r, releaseId, CancellationToken.None));
        Assert.Equal(403, forged.Status);
        var missing = await app.PostAsync<PortalReleaseAction>(path, contact, token, Details("complete-image", "The <b>microscope</b> in its room", ""),
            (f, r) => f.Run(r, releaseId, CancellationToken.None));
        Assert.Equal(400, missing.Status);
        Assert.Contains("The image needs a credit (who made the image).", missing.Body, StringComparison.Ordinal);
        Assert.Contains("value=\"The &lt;b&gt;microscope&lt;/b&gt; in its room\"", missing.Body, StringComparison.Ordinal);
        Assert.Null((await UpdateAsync(update.Id)).ShownImage);

        var done = await app.PostAsync<PortalReleaseAction>(path, contact, token, Details("complete-image", "The microscope in its room", "Photo: KTH / Jane Doe"),
            (f, r) => f.Run(r, releaseId, CancellationToken.None));
        Assert.Equal(200, done.Status);
        Assert.Contains("The image has its caption, credit and licence", done.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Image from the e-mail: not shown yet", done.Body, StringComparison.Ordinal);
        var shown = (await UpdateAsync(update.Id)).ShownImage!.Details!;
        Assert.Equal(("The microscope in its room", "Photo: KTH / Jane Doe", "cc-by-4.0", "The microscope in its room"), (shown.Caption, shown.Credit, shown.Licence, shown.Alt));

        // Recorded as the contact's doing, with every detail before and after, in the audit log and the update's history.
        var entry = Assert.Single(await ImageChangesAsync(update.Id));
        Assert.Equal("press@kth.se", entry.Actor);
        Assert.Equal(
            [new FieldChange("image caption", "", "The microscope in its room"), new FieldChange("image credit", "", "Photo: KTH / Jane Doe"),
             new FieldChange("image licence", "", "cc-by-4.0"), new FieldChange("image alt text", "", "The microscope in its room")],
            entry.Changes);
        var history = (await UpdateAsync(update.Id)).History[^1];
        Assert.Equal(("press@kth.se", "pending-review", "pending-review"), (history.Actor, history.From, history.To));
        Assert.Contains("image credit \"\" → \"Photo: KTH / Jane Doe\"", history.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnceEditorsPublishTheUpdate_AMemberWithoutAutoPublish_CannotChangeItsImage_WhileAnEditorCan_AndIsAudited()
    {
        var (releaseId, update) = await IngestEmailAsync("Wind tunnel reopens after its repairs");
        Assert.Equal(EditorialOutcome.Done, (await app.Services.GetRequiredService<EditorialService>().ApproveAsync(update.Id, "editor@example.org", CancellationToken.None)).Outcome);
        Assert.Equal(UpdateStatus.Published, (await UpdateAsync(update.Id)).Status);
        var (contact, token) = await app.SignInAsync("press@kth.se");
        var (editor, editorToken) = await app.SignInAsync("editor@example.org");
        var path = $"/portal/releases/{releaseId}";

        // The candidate the editors published without: the member cannot make it appear now; the form comes back as typed.
        var refused = await app.PostAsync<PortalReleaseAction>(path, contact, token, Details("complete-image", "A caption nobody reviewed", "Photo: KTH"),
            (f, r) => f.Run(r, releaseId, CancellationToken.None));
        Assert.Equal(409, refused.Status);
        Assert.Contains("This update is published: ask the editors for a correction.", refused.Body, StringComparison.Ordinal);
        Assert.Contains("value=\"A caption nobody reviewed\"", refused.Body, StringComparison.Ordinal);
        Assert.Null((await UpdateAsync(update.Id)).ShownImage);

        var done = await app.PostAsync<ConsoleUpdateAction>($"/console/updates/{update.Id}/image", editor, editorToken, Details(null, "The tunnel", "Photo: KTH"),
            (f, r) => f.Run(r, update.Id, "image", CancellationToken.None));
        Assert.Equal(303, done.Status);

        // Complete now, and still the editors' to change.
        var again = await app.PostAsync<PortalReleaseAction>(path, contact, token, Details("complete-image", "A caption nobody reviewed", "Photo: KTH"),
            (f, r) => f.Run(r, releaseId, CancellationToken.None));
        Assert.Equal(409, again.Status);
        Assert.Contains("This update is published: ask the editors for a correction.", again.Body, StringComparison.Ordinal);
        var corrected = await app.PostAsync<ConsoleUpdateAction>($"/console/updates/{update.Id}/image", editor, editorToken, Details(null, "The tunnel after its repairs", "Photo: KTH"),
            (f, r) => f.Run(r, update.Id, "image", CancellationToken.None));
        Assert.Equal(303, corrected.Status);
        Assert.Equal("The tunnel after its repairs", (await UpdateAsync(update.Id)).ShownImage!.Details!.Caption);

        var entries = await ImageChangesAsync(update.Id);
        Assert.Equal(["editor@example.org", "editor@example.org"], entries.Select(e => e.Actor));
        Assert.Equal(
            [new FieldChange("image caption", "The tunnel", "The tunnel after its repairs"), new FieldChange("image alt text", "The tunnel", "The tunnel after its repairs")],
            entries[0].Changes);
        Assert.Equal(new FieldChange("image caption", "", "The tunnel"), entries[1].Changes[0]);
        var history = (await UpdateAsync(update.Id)).History;
        Assert.Equal(["system", "editor@example.org", "editor@example.org", "editor@example.org"], history.Select(h => h.Actor));
        Assert.Contains("image caption \"The tunnel\" → \"The tunnel after its repairs\"", history[^1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEditor_SeesTheCandidateOnTheReviewPage_AndCompletesIt_WhileOtherMembersAndContactsCannot()
    {
        var (releaseId, update) = await IngestEmailAsync("Telescope mirror cast in one piece");
        var (editor, editorToken) = await app.SignInAsync("editor@example.org");
        var path = $"/console/updates/{update.Id}";

        var page = await app.GetAsync<ConsoleUpdate>(path, editor, (f, r) => f.Run(r, update.Id, CancellationToken.None));
        Assert.Contains("Image from the e-mail: not shown yet", page.Body, StringComparison.Ordinal);
        Assert.Contains($"action=\"{ConsoleHarness.BaseUrl}{path}/image\"", page.Body, StringComparison.Ordinal);

        // A member's contact is no editor; another member's contact finds no such release; a form without its token is refused.
        await app.Services.GetRequiredService<MemberService>().AddAsync("ucl", "University College London", [], autoPublish: true, CancellationToken.None);
        await app.Services.GetRequiredService<Core.Access.PeopleService>().AddContactAsync("ucl", "press@ucl.ac.uk", admin: false, CancellationToken.None);
        var (contact, contactToken) = await app.SignInAsync("press@kth.se");
        var (other, otherToken) = await app.SignInAsync("press@ucl.ac.uk");
        Assert.Equal(403, (await app.PostAsync<ConsoleUpdateAction>($"{path}/image", contact, contactToken, Details(null, "A mirror", "Photo: KTH"),
            (f, r) => f.Run(r, update.Id, "image", CancellationToken.None))).Status);
        Assert.Equal(404, (await app.PostAsync<PortalReleaseAction>($"/portal/releases/{releaseId}", other, otherToken, Details("complete-image", "A mirror", "Photo: KTH"),
            (f, r) => f.Run(r, releaseId, CancellationToken.None))).Status);
        Assert.Equal(403, (await app.PostAsync<ConsoleUpdateAction>($"{path}/image", editor, null, Details(null, "A mirror", "Photo: KTH"),
            (f, r) => f.Run(r, update.Id, "image", CancellationToken.None))).Status);
        Assert.Null((await UpdateAsync(update.Id)).ShownImage);

        var refused = await app.PostAsync<ConsoleUpdateAction>($"{path}/image", editor, editorToken, Details(null, "", "Photo: KTH"),
            (f, r) => f.Run(r, update.Id, "image", CancellationToken.None));
        Assert.Equal(400, refused.Status);
        Assert.Contains("The image needs a caption.", refused.Body, StringComparison.Ordinal);
        Assert.Contains("value=\"Photo: KTH\"", refused.Body, StringComparison.Ordinal);

        var done = await app.PostAsync<ConsoleUpdateAction>($"{path}/image", editor, editorToken, Details(null, "The mirror leaves its mould", "Photo: KTH"),
            (f, r) => f.Run(r, update.Id, "image", CancellationToken.None));
        Assert.Equal(303, done.Status);
        Assert.Equal($"{ConsoleHarness.BaseUrl}{path}?done=image", done.Headers.Location.ToString());
        var after = await app.GetAsync<ConsoleUpdate>($"{path}?done=image", editor, (f, r) => f.Run(r, update.Id, CancellationToken.None));
        Assert.Contains("The image has its caption, credit and licence", after.Body, StringComparison.Ordinal);
        Assert.Contains("<figcaption>The mirror leaves its mould", after.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Image from the e-mail: not shown yet", after.Body, StringComparison.Ordinal);
    }

    private static KeyValuePair<string, string>[] Details(string? action, string caption, string credit) =>
    [
        .. action is null ? Array.Empty<KeyValuePair<string, string>>() : [KeyValuePair.Create("action", action)],
        KeyValuePair.Create("image-caption", caption), KeyValuePair.Create("image-credit", credit), KeyValuePair.Create("image-licence", "cc-by-4.0"),
    ];

    private async Task<IReadOnlyList<AuditEntry>> ImageChangesAsync(string updateId) =>
        await app.Services.GetRequiredService<IAuditLog>().ListAsync(new AuditFilter(AuditActions.UpdateImageChanged, Subject: updateId), 10, CancellationToken.None);

    private async Task<Update> UpdateAsync(string id) => (await app.Services.GetRequiredService<IUpdateStore>().GetAsync(id, CancellationToken.None))!;

    /// <summary>An e-mail with a picture attached, uploaded for kth and ingested: its update holds the picture as a candidate.</summary>
    private async Task<(string ReleaseId, Update Update)> IngestEmailAsync(string subject)
    {
        var picture = string.Join("\r\n", Convert.ToBase64String(TestImages.Halves(900, 600)).Chunk(76).Select(line => new string(line)));
        var eml = $"""
            From: Press Office <press@kth.se>
            Subject: {subject}
            Date: Sun, 29 Nov 2026 08:00:00 +0000
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="b1"

            --b1
            Content-Type: text/plain; charset=utf-8

            The institute opened an instrument that researchers across the region can book from next month.
            --b1
            Content-Type: image/jpeg; name="picture.jpg"
            Content-Disposition: attachment; filename="picture.jpg"
            Content-Transfer-Encoding: base64

            {picture}
            --b1--
            """.ReplaceLineEndings("\r\n");
        var member = await app.Services.GetRequiredService<IMemberStore>().GetAsync("kth", CancellationToken.None);
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(eml));
        var accepted = await app.Services.GetRequiredService<ReleaseSubmission>().SubmitAsync(member!, content, content.Length, "release.eml", "message/rfc822", CancellationToken.None);
        await app.Services.GetRequiredService<ReleaseIngestion>().IngestAsync("kth", accepted.Record!.FileName, CancellationToken.None);
        var record = await app.Services.GetRequiredService<IReleaseLog>().GetAsync("kth", accepted.Record.ReleaseId, CancellationToken.None);
        var update = await UpdateAsync(record!.UpdateId!);
        Assert.False(update.Image!.IsComplete);
        return (record.ReleaseId, update);
    }
}
