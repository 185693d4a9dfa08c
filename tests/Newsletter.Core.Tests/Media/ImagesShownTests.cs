using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using AngleSharp.Html.Parser;
using Newsletter.Core.Editions;
using Newsletter.Core.Media;
using Newsletter.Core.Tests.Editions;
using Newsletter.Core.Updates;

namespace Newsletter.Core.Tests.Media;

/// <summary>An update's image in the digest and the feed: absolute addresses, sizes given, text part untouched.</summary>
public sealed class ImagesShownTests
{
    private static readonly ImageRendition[] Sizes =
    [
        new("0123456789abcdef0123-1200.jpg", 1200, 800, "image/jpeg", 180_000),
        new("abcdef0123456789abcd-600.jpg", 600, 400, "image/jpeg", 60_000),
        new("fedcba9876543210fedc-160.jpg", 160, 107, "image/jpeg", 6_000),
    ];

    private static Update WithImage(int n, bool complete = true) => new()
    {
        Id = $"u{n:x24}", MemberId = "ucl", ReleaseId = $"r{n:x20}", Title = $"Update number {n} about a new laboratory for quantum sensing",
        Date = new DateOnly(2026, 11, 29), Organisation = "University College London",
        Summary = "The university opened a laboratory where researchers from six departments develop quantum sensors for medical imaging and navigation, with industry partners.",
        BodyHtml = "<p>Body</p>", BodyText = "Body", ContentHash = $"{n:x24}", Status = UpdateStatus.Published,
        CreatedAt = new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero), PublishedAt = new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero),
        Image = new UpdateImage
        {
            Renditions = Sizes,
            Details = complete ? new ImageDetails($"The laboratory's first sensor, number {n}", "Photo: UCL / Jane Doe", "cc-by-4.0", "A quantum sensor on a lab bench") : null,
        },
    };

    private static EditionItem Item(Update update) =>
        new(update.Id, update.Title, update.Organisation, update.Date, update.Summary, update.Topics, EditionImage.Of(update));

    [Fact]
    public async Task DigestShowsEachLeadImage_WithAbsoluteUrlSizeAndAlt_AndTheTextPartIsUnchanged()
    {
        var renderer = EditionRendererTests.Renderer();
        var update = WithImage(1);
        var withImage = await renderer.RenderAsync(EditionRendererTests.Content(Item(update)), CancellationToken.None);
        var without = await renderer.RenderAsync(EditionRendererTests.Content(Item(update) with { Image = null }), CancellationToken.None);

        var img = new HtmlParser().ParseDocument(withImage.Html).QuerySelector("td.update img")!;
        Assert.Equal($"https://news.example.org/media/{update.Id}/0123456789abcdef0123-1200.jpg", img.GetAttribute("src"));
        Assert.Equal(("552", "368"), (img.GetAttribute("width"), img.GetAttribute("height")));
        Assert.Equal("A quantum sensor on a lab bench", img.GetAttribute("alt"));
        Assert.Contains("Photo: UCL / Jane Doe", withImage.Html, StringComparison.Ordinal);
        Assert.Equal(without.Text, withImage.Text);
    }

    [Fact]
    public void ACandidateImage_IsInNoDigest()
    {
        Assert.Null(EditionImage.Of(WithImage(1, complete: false)));
    }

    [Fact]
    public async Task ADigestOf20UpdatesWithImages_StaysUnderGmailsClippingSize()
    {
        var items = Enumerable.Range(1, 20).Select(n => Item(WithImage(n))).ToArray();

        var rendered = await EditionRendererTests.Renderer().RenderAsync(EditionRendererTests.Content(items), CancellationToken.None);

        var bytes = Encoding.UTF8.GetByteCount(rendered.Html);
        Assert.Equal(20, new HtmlParser().ParseDocument(rendered.Html).QuerySelectorAll("td.update img").Length);
        Assert.True(bytes < 100 * 1024, $"the HTML is {bytes:N0} bytes");
    }

    [Fact]
    public void FeedLinksTheLeadImageAsAnEnclosure_ButNotACandidate()
    {
        var shown = WithImage(1);
        var candidate = WithImage(2, complete: false);

        var xml = AtomFeed.Write([shown, candidate], "https://news.example.org", "Science Network", new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero));

        using var reader = XmlReader.Create(new StringReader(xml));
        var feed = SyndicationFeed.Load(reader);
        var entries = feed.Items.ToArray();
        var enclosure = Assert.Single(entries[0].Links, l => l.RelationshipType == "enclosure");
        Assert.Equal($"https://news.example.org/media/{shown.Id}/0123456789abcdef0123-1200.jpg", enclosure.Uri.AbsoluteUri);
        Assert.Equal(("image/jpeg", 180_000L), (enclosure.MediaType, enclosure.Length));
        Assert.DoesNotContain(entries[1].Links, l => l.RelationshipType == "enclosure");
    }
}
