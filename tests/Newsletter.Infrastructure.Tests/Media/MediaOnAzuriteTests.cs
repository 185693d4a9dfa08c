using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Newsletter.Core;
using Newsletter.Core.Embargoes;
using Newsletter.Core.Media;
using Newsletter.Core.Members;
using Newsletter.Core.Releases;
using Newsletter.Core.Updates;
using Newsletter.Infrastructure.Media;
using Newsletter.Infrastructure.Storage;
using Newsletter.Testing;

namespace Newsletter.Infrastructure.Tests.Media;

/// <summary>An upload's image from the HTTP door to the media container, and who may read it, on a real Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public class MediaOnAzuriteTests(AzuriteFixture azurite)
{
    private const string Release = "New microscope opens at the institute\n\nThe institute opened a cryo-electron microscope that researchers across the region can book from next month.\n";

    private sealed record World(StorageClients Clients, ReleaseSubmission Submission, ReleaseIngestion Ingestion, MediaLibrary Media, Member Member, FakeTimeProvider Time)
    {
        public async Task<IngestionOutcome> SubmitAsync(string release, ImageUpload? image, string fileName = "release.txt", string? embargo = null)
        {
            using var body = new MemoryStream(Encoding.UTF8.GetBytes(release));
            var accepted = await Submission.SubmitAsync(Member, body, body.Length, fileName, null, embargo, image, CancellationToken.None);
            Assert.Equal(SubmissionOutcome.Accepted, accepted.Outcome);
            return (await Ingestion.IngestAsync(Member.Id, accepted.Record!.FileName, CancellationToken.None))!;
        }

        public async Task<List<string>> BlobsAsync(string prefix)
        {
            var names = new List<string>();
            await foreach (var blob in Clients.Blobs.GetBlobContainerClient(StorageNames.Containers.Media).GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, CancellationToken.None))
            {
                names.Add(blob.Name);
            }

            return names;
        }
    }

    private async Task<World> CreateAsync()
    {
        var clients = await azurite.NewProvisionedAccountAsync();
        var members = new TableMemberStore(clients);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero));
        var (member, _) = await new MemberService(members, time).AddAsync("example", "Example University", [], true, CancellationToken.None);
        var updates = new TableUpdateStore(clients);
        var files = new BlobReleaseFiles(clients);
        var log = new TableReleaseLog(clients);
        var media = new MediaLibrary(new BlobMediaStore(clients), updates, time);
        var app = Options.Create(new AppOptions());
        return new World(clients,
            new ReleaseSubmission(files, log, members, updates, media, Options.Create(new IngestionOptions()), app, time),
            new ReleaseIngestion(files, log, members, updates, media, Options.Create(new IngestionOptions()), app, time, TestMetrics.Create(), NullLogger<ReleaseIngestion>.Instance),
            media, member, time);
    }

    private static ImageUpload Photo(byte[]? content = null, string? caption = "The new microscope", string? credit = "Photo: Example University", string? licence = "cc-by-4.0") =>
        new(content ?? TestImages.WithGpsExif(TestImages.Halves(1600, 1000)), caption, credit, licence);

    [Fact]
    public async Task AnUploadsImage_IsStoredUnderTheUpdateId_AndServedWithoutExif()
    {
        var w = await CreateAsync();

        var outcome = await w.SubmitAsync(Release, Photo());

        var update = outcome.Update!;
        var image = update.ShownImage!;
        Assert.Equal(new ImageDetails("The new microscope", "Photo: Example University", "cc-by-4.0", "The new microscope"), image.Details);
        Assert.Equal([1000, 600, 160], image.Renditions.Select(r => r.Width)); // turned upright: 1000 wide
        Assert.Equal(image.Renditions.Select(r => $"{update.Id}/{r.Name}").Order(), (await w.BlobsAsync(update.Id + "/")).Order());
        Assert.Empty(await w.BlobsAsync("staged/"));

        await using var served = (await w.Media.OpenAsync(update.Id, image.Large.Name, MediaViewer.Public, CancellationToken.None))!;
        Assert.True(served.Public);
        using var read = new MemoryStream();
        await served.Content.Content.CopyToAsync(read);
        Assert.False(TestImages.HasApp1(read.ToArray()));
        Assert.DoesNotContain("Exif", Encoding.ASCII.GetString(read.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadImage_CostsTheImage_NotTheRelease()
    {
        var w = await CreateAsync();
        var truncated = TestImages.Noise(800, 600);

        var outcome = await w.SubmitAsync(Release, Photo(truncated[..(truncated.Length / 2)]));

        Assert.Equal(ReleaseState.Published, outcome.Record.State);
        Assert.Null(outcome.Update!.Image);
        Assert.Contains(outcome.Update.Warnings, warning => warning.Contains(ImageRejections.Damaged, StringComparison.Ordinal));
        Assert.Contains(outcome.Record.Warnings, warning => warning.Contains(ImageRejections.Damaged, StringComparison.Ordinal));
        Assert.Empty(await w.BlobsAsync(string.Empty));
    }

    [Fact]
    public async Task AnImageWithoutCreditOrLicence_IsNotUsed_AndTheWarningSaysWhatIsMissing()
    {
        var w = await CreateAsync();
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(Release));

        var accepted = await w.Submission.SubmitAsync(w.Member, body, body.Length, "release.txt", null, null, Photo(credit: " ", licence: "free"), CancellationToken.None);

        var warning = Assert.Single(accepted.Warnings);
        Assert.Contains("a credit", warning, StringComparison.Ordinal);
        Assert.Contains("a licence", warning, StringComparison.Ordinal);
        var outcome = (await w.Ingestion.IngestAsync(w.Member.Id, accepted.Record!.FileName, CancellationToken.None))!;
        Assert.Null(outcome.Update!.Image);
        Assert.Contains(warning, outcome.Update.Warnings);
    }

    [Fact]
    public async Task AnEmbargoedUpdatesImage_GoesOnlyToItsMembersContactsAndEditors_UntilTheLift()
    {
        var w = await CreateAsync();
        var outcome = await w.SubmitAsync(Release, Photo(), embargo: "2026-11-30T09:00:00Z");
        var update = outcome.Update!;
        Assert.Equal(UpdateStatus.Scheduled, update.Status);
        var name = update.Image!.Thumbnail.Name;

        Assert.Null(await w.Media.OpenAsync(update.Id, name, MediaViewer.Public, CancellationToken.None));
        Assert.Null(await w.Media.OpenAsync(update.Id, name, new MediaViewer(false, "another-member"), CancellationToken.None));
        await using (var contact = await w.Media.OpenAsync(update.Id, name, new MediaViewer(false, "example"), CancellationToken.None))
        {
            Assert.False(contact!.Public);
        }

        await using (var editor = await w.Media.OpenAsync(update.Id, name, new MediaViewer(true, null), CancellationToken.None))
        {
            Assert.False(editor!.Public);
        }

        // A name the update does not hold, or one that could reach another blob, is unknown whoever asks.
        Assert.Null(await w.Media.OpenAsync(update.Id, "image.json", new MediaViewer(true, null), CancellationToken.None));
        Assert.Null(await w.Media.OpenAsync("../staged", name, new MediaViewer(true, null), CancellationToken.None));
    }

    [Fact]
    public async Task AnEmailsPicture_IsKeptAsACandidate_ShownToNobodyUntilCompleted()
    {
        var w = await CreateAsync();
        var picture = string.Join("\n", Convert.ToBase64String(TestImages.Halves(900, 600)).Chunk(76).Select(line => new string(line)));
        var eml = $"""
            From: Press Office <press@example.edu>
            Subject: New microscope opens at the institute
            Date: Sun, 29 Nov 2026 08:00:00 +0000
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="b1"

            --b1
            Content-Type: text/plain; charset=utf-8

            The institute opened a cryo-electron microscope that researchers across the region can book from next month.
            --b1
            Content-Type: image/jpeg; name="microscope.jpg"
            Content-Disposition: attachment; filename="microscope.jpg"
            Content-Transfer-Encoding: base64

            {picture}
            --b1--
            """.Replace("\n", "\r\n", StringComparison.Ordinal);

        var outcome = await w.SubmitAsync(eml, null, "release.eml");

        var update = outcome.Update!;
        Assert.False(update.Image!.IsComplete);
        Assert.Null(update.ShownImage);
        Assert.Equal([900, 600, 160], update.Image.Renditions.Select(r => r.Width));
        Assert.Contains(update.Warnings, warning => warning.Contains("candidate", StringComparison.Ordinal));
        Assert.Null(await w.Media.OpenAsync(update.Id, update.Image.Large.Name, MediaViewer.Public, CancellationToken.None));
        await using var forMember = await w.Media.OpenAsync(update.Id, update.Image.Large.Name, new MediaViewer(false, "example"), CancellationToken.None);
        Assert.NotNull(forMember);
    }

    [Fact]
    public async Task WithdrawingAnUpdate_RemovesItsMedia()
    {
        var w = await CreateAsync();
        var updates = new TableUpdateStore(w.Clients);
        var scheduled = (await w.SubmitAsync(Release, Photo(), embargo: "2026-11-30T09:00:00Z")).Update!;
        var embargoes = new EmbargoService(updates, Options.Create(new AppOptions()), w.Time, NullLogger<EmbargoService>.Instance, w.Media);
        Assert.NotEmpty(await w.BlobsAsync(scheduled.Id + "/"));

        var withdrawn = await embargoes.WithdrawAsync(scheduled.Id, EmbargoActor.ForMember("press@example.edu", "example"), "Paper not accepted", CancellationToken.None);

        Assert.Equal(UpdateStatus.Withdrawn, withdrawn.Update!.Status);
        Assert.Empty(await w.BlobsAsync(scheduled.Id + "/"));
        Assert.Null(await w.Media.OpenAsync(scheduled.Id, scheduled.Image!.Large.Name, new MediaViewer(true, null), CancellationToken.None));
    }

    [Fact]
    public async Task WithdrawingAPendingUpdateInReview_RemovesItsMedia()
    {
        var w = await CreateAsync();
        var updates = new TableUpdateStore(w.Clients);
        var other = "Second microscope\n\nA second microscope opens in the east wing for teaching, with a booking system for students from the spring.\n";
        var published = (await w.SubmitAsync(other, Photo())).Update!;
        var review = new ReviewService(updates, w.Time, NullLogger<ReviewService>.Instance, null, w.Media);
        await updates.SaveAsync(published with { Status = UpdateStatus.PendingReview, PublishedAt = null }, CancellationToken.None);

        var result = await review.WithdrawAsync(published.Id, "Alice", "Duplicate of last week's", CancellationToken.None);

        Assert.Equal(UpdateStatus.Withdrawn, result.Update!.Status);
        Assert.Empty(await w.BlobsAsync(published.Id + "/"));
    }

    [Fact]
    public async Task TheSameReleaseAgainWithAnotherImage_LeavesTheFirstUpdatesImageAlone()
    {
        var w = await CreateAsync();
        var first = (await w.SubmitAsync(Release, Photo())).Update!;

        var again = await w.SubmitAsync(Release, Photo(TestImages.Noise(700, 500)));

        Assert.Equal(ReleaseState.Duplicate, again.Record.State);
        Assert.Equal(first.Id, again.Record.UpdateId);
        Assert.Contains(ReleaseIngestion.DroppedImage, again.Record.Warnings);
        Assert.Equal(first.Image!.Renditions.Select(r => $"{first.Id}/{r.Name}").Order(), (await w.BlobsAsync(first.Id + "/")).Order());
        Assert.Empty(await w.BlobsAsync("staged/"));
    }

    [Fact]
    public async Task AnotherMembersCopyOfAPublishedRelease_JoinsItsUpdate_AndSaysTheImageIsDropped()
    {
        var w = await CreateAsync();
        var first = (await w.SubmitAsync(Release, Photo())).Update!;
        var (ucl, _) = await new MemberService(new TableMemberStore(w.Clients), w.Time).AddAsync("ucl", "University College London", [], true, CancellationToken.None);

        var copy = await (w with { Member = ucl }).SubmitAsync(Release, Photo(TestImages.Noise(700, 500)));

        Assert.Equal(ReleaseState.Published, copy.Record.State);
        Assert.Equal(first.Id, copy.Record.UpdateId);
        Assert.Equal(first.Id, copy.Update!.Id);
        Assert.Contains(ReleaseIngestion.JointText, copy.Record.Warnings);
        Assert.Contains(ReleaseIngestion.DroppedImage, copy.Record.Warnings);
        var stored = await new TableReleaseLog(w.Clients).GetAsync("ucl", copy.Record.ReleaseId, CancellationToken.None);
        Assert.Equal(first.Id, stored!.UpdateId);
        var update = await new TableUpdateStore(w.Clients).GetAsync(first.Id, CancellationToken.None);
        Assert.Equal(first.Image!.Large.Name, update!.Image!.Large.Name);
        Assert.Equal(first.Image!.Renditions.Select(r => $"{first.Id}/{r.Name}").Order(), (await w.BlobsAsync(first.Id + "/")).Order());
    }

    [Fact]
    public async Task ARunOfAnUploadThatFindsItsStagedFilesGone_BecauseAnotherRunCopiedThem_TakesTheImage()
    {
        var w = await CreateAsync();
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(Release));
        var accepted = await w.Submission.SubmitAsync(w.Member, body, body.Length, "release.txt", null, null, Photo(), CancellationToken.None);
        var releaseId = accepted.Record!.ReleaseId;
        var container = w.Clients.Blobs.GetBlobContainerClient(StorageNames.Containers.Media);
        var manifestPath = $"staged/{w.Member.Id}/{releaseId}/image.json";
        var manifest = (await container.GetBlobClient(manifestPath).DownloadContentAsync()).Value.Content;

        // One run (the portal's own call) copies the files under the update's id and drops what was staged, while another
        // run of the same upload (the blob trigger) has read the manifest already and then finds its files gone.
        var first = (await w.Ingestion.IngestAsync(w.Member.Id, accepted.Record.FileName, CancellationToken.None))!.Update!;
        await container.UploadBlobAsync(manifestPath, manifest);

        var attached = await w.Media.AttachAsync(first with { Image = null }, w.Member.Id, releaseId, null, CancellationToken.None);

        Assert.Equal(first.Image!.Renditions.Select(r => r.Name), attached.Update.Image!.Renditions.Select(r => r.Name));
        Assert.Empty(attached.Warnings);
        Assert.Equal(first.Image.Renditions.Select(r => $"{first.Id}/{r.Name}").Order(), (await w.BlobsAsync(first.Id + "/")).Order());
    }

    [Fact]
    public async Task ARunOfAnUploadWhoseStagedFileIsMissing_AndNotCopied_StillFails_SoTheQueueRetriesIt()
    {
        var w = await CreateAsync();
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(Release));
        var accepted = await w.Submission.SubmitAsync(w.Member, body, body.Length, "release.txt", null, null, Photo(), CancellationToken.None);
        var releaseId = accepted.Record!.ReleaseId;
        var container = w.Clients.Blobs.GetBlobContainerClient(StorageNames.Containers.Media);
        var staged = (await w.BlobsAsync($"staged/{w.Member.Id}/{releaseId}/")).First(n => !n.EndsWith("image.json", StringComparison.Ordinal));
        await container.DeleteBlobAsync(staged);

        await Assert.ThrowsAsync<InvalidOperationException>(() => w.Ingestion.IngestAsync(w.Member.Id, accepted.Record.FileName, CancellationToken.None));
    }
}
