using System.ServiceModel.Syndication;
using System.Xml;
using Newsletter.Core.Editions;
using Newsletter.Core.Updates;

namespace Newsletter.Core.Tests.Editions;

public class AtomFeedTests
{
    private static Update Update(string id, string title, DateTimeOffset at) => new()
    {
        Id = id, MemberId = "ucl", ReleaseId = "r" + id, Title = title, Date = DateOnly.FromDateTime(at.UtcDateTime),
        Organisation = "University College London", Summary = "Summary of " + title, BodyHtml = "<p>Body &amp; more</p>", BodyText = "Body & more",
        ContentHash = id, Status = UpdateStatus.Published, Topics = ["health"], CreatedAt = at, PublishedAt = at,
        CanonicalUrl = "https://www.ucl.ac.uk/news/" + id,
    };

    [Fact]
    public void Feed_IsValidAtom_ParsedBackWithItsEntries()
    {
        var at = new DateTimeOffset(2019, 12, 11, 9, 30, 0, TimeSpan.Zero);
        var xml = AtomFeed.Write([Update("u2", "Second <b>&</b> \"quoted\"", at.AddHours(1)), Update("u1", "First", at)],
            "https://news.example.org", "Science Network", at.AddDays(1));

        using var reader = XmlReader.Create(new StringReader(xml));
        var formatter = new Atom10FeedFormatter();
        Assert.True(formatter.CanRead(reader));
        formatter.ReadFrom(reader);
        var feed = formatter.Feed;

        // Ids are the addresses first published (under /api) and never change; links are today's addresses.
        Assert.Equal("https://news.example.org/api/feed.atom", feed.Id);
        Assert.Contains(feed.Links, l => l.RelationshipType == "self" && l.Uri.AbsoluteUri == "https://news.example.org/feed.atom");
        Assert.Equal(at.AddHours(1), feed.LastUpdatedTime);
        var entries = feed.Items.ToArray();
        Assert.Equal(["Second <b>&</b> \"quoted\"", "First"], entries.Select(e => e.Title.Text));
        Assert.Equal("https://news.example.org/api/updates/u2", entries[0].Id);
        Assert.Equal("University College London", entries[0].Authors[0].Name);
        Assert.Equal("health", entries[0].Categories[0].Name);
        Assert.Equal("<p>Body &amp; more</p>", ((TextSyndicationContent)entries[0].Content).Text);
        Assert.Contains(entries[0].Links, l => l.RelationshipType == "alternate" && l.Uri.AbsoluteUri == "https://news.example.org/updates/u2");
    }

    [Fact]
    public void EmptyFeed_IsStillValid()
    {
        var xml = AtomFeed.Write([], "https://news.example.org", "Science Network", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

        using var reader = XmlReader.Create(new StringReader(xml));
        var feed = SyndicationFeed.Load(reader);

        Assert.Empty(feed.Items);
        Assert.Equal("Science Network", feed.Title.Text);
    }
}
