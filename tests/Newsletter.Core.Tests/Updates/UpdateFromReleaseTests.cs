using Newsletter.Core.Members;
using Newsletter.Core.Releases;
using Newsletter.Core.Updates;

namespace Newsletter.Core.Tests.Updates;

public class UpdateFromReleaseTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 10, 30, 0, TimeSpan.Zero);
    private static readonly Member Member = new() { Id = "m-unimelb", DisplayName = "University of Melbourne" };

    private static ParsedRelease Release(string? organisation = "Melbourne Energy Institute") => new()
    {
        Format = ReleaseFormat.Markdown,
        Title = "Grid storage trial",
        Date = new DateOnly(2026, 2, 27),
        Organisation = organisation,
        Summary = "A trial of grid storage.",
        BodyHtml = "<p>A trial of grid storage.</p>",
        BodyText = "A trial of grid storage.",
        WordCount = 5,
        Topics = ["energy", "climate"],
        CanonicalUrl = "https://example.org/grid",
        Language = "en",
        ContentHash = new string('a', 64),
        Warnings = ["no-image"],
    };

    [Fact]
    public void EveryFieldTheReleaseAndTheUpdateShare_IsCopied()
    {
        var release = Release();
        var update = Update.FromRelease(release, Member, "r1", new DateOnly(2026, 2, 27), UpdateStatus.PendingReview, "system", "awaiting review", Now);

        // Any field the two records share by name (one added to both later included) must travel.
        var shared = typeof(ParsedRelease).GetProperties().Select(p => p.Name).Intersect(typeof(Update).GetProperties().Select(p => p.Name)).ToList();
        Assert.Contains(nameof(ParsedRelease.Topics), shared);
        foreach (var name in shared)
        {
            var expected = typeof(ParsedRelease).GetProperty(name)!.GetValue(release);
            var actual = typeof(Update).GetProperty(name)!.GetValue(update);
            Assert.True(Equals(expected, actual), $"{name}: expected {expected}, got {actual}");
        }

        Assert.Equal(Update.IdFor(release.ContentHash), update.Id);
        Assert.Equal(("m-unimelb", "r1"), (update.MemberId, update.ReleaseId));
    }

    [Fact]
    public void AReleaseWithoutAnOrganisation_IsTheMembers()
    {
        var update = Update.FromRelease(Release(organisation: null), Member, "r1", new DateOnly(2026, 2, 27), UpdateStatus.Published, "system", "auto-publish member", Now);

        Assert.Equal("University of Melbourne", update.Organisation);
    }

    [Fact]
    public void ThePendingUpdate_HasItsFirstStatusInItsHistory_AndNoPublicationTime()
    {
        var update = Update.FromRelease(Release(), Member, "r1", new DateOnly(2026, 2, 27), UpdateStatus.PendingReview, "system", "awaiting review", Now);

        Assert.Equal(UpdateStatus.PendingReview, update.Status);
        Assert.Equal(new StatusChange(Now, "system", null, "pending-review", "awaiting review"), Assert.Single(update.History));
        Assert.Equal(Now, update.CreatedAt);
        Assert.Null(update.PublishedAt);
    }

    [Fact]
    public void APublishedUpdate_IsPublishedNow()
    {
        var update = Update.FromRelease(Release(), Member, "r1", new DateOnly(2026, 2, 27), UpdateStatus.Published, "editor@example.org", "imported", Now);

        Assert.Equal(Now, update.PublishedAt);
        Assert.Equal("published", Assert.Single(update.History).To);
        Assert.False(update.Imported);
    }
}
