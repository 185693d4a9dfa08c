using Newsletter.Core.Media;
using Newsletter.Core.Updates;
using Newsletter.Web.Pages.Reading;

namespace Newsletter.Web.Tests;

public class UpdateFigureTests
{
    private static Update Published(ImageDetails? details) => new()
    {
        Id = "u0123456789abcdef01234567",
        MemberId = "ucl",
        ReleaseId = "r0123456789abcdef0123",
        ContentHash = "h",
        Title = "A new microscope",
        Date = new DateOnly(2026, 11, 30),
        Organisation = "University College London",
        Summary = "Summary",
        BodyHtml = "<p>Body</p>",
        BodyText = "Body",
        Status = UpdateStatus.Published,
        CreatedAt = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero),
        PublishedAt = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero),
        Image = new UpdateImage
        {
            Renditions =
            [
                new("0123456789abcdef0123-1200.jpg", 1200, 800, "image/jpeg", 1),
                new("abcdef0123456789abcd-600.jpg", 600, 400, "image/jpeg", 1),
                new("fedcba9876543210fedc-160.jpg", 160, 107, "image/jpeg", 1),
            ],
            Details = details,
        },
    };

    [Fact]
    public async Task UpdatePage_ShowsTheFigure_WithCaptionCreditAndLicence()
    {
        await using var pages = new Pages();

        var page = await pages.PageAsync<UpdateArticlePage, Update>(Published(new ImageDetails("The <new> microscope", "Photo: Jane Doe", "cc-by-sa-4.0", "A microscope in a white room")));

        var img = page.QuerySelector("article figure.lead img")!;
        Assert.Equal("/media/u0123456789abcdef01234567/abcdef0123456789abcd-600.jpg", img.GetAttribute("src"));
        Assert.Contains("/media/u0123456789abcdef01234567/0123456789abcdef0123-1200.jpg 1200w", img.GetAttribute("srcset"), StringComparison.Ordinal);
        Assert.Equal(("1200", "800", "A microscope in a white room"), (img.GetAttribute("width"), img.GetAttribute("height"), img.GetAttribute("alt")));
        var caption = page.QuerySelector("article figure.lead figcaption")!;
        Assert.StartsWith("The <new> microscope", caption.TextContent, StringComparison.Ordinal);
        Assert.Contains("Photo: Jane Doe", caption.TextContent, StringComparison.Ordinal);
        Assert.Equal("https://creativecommons.org/licenses/by-sa/4.0/", caption.QuerySelector("a[rel~=license]")!.GetAttribute("href"));
        Assert.Equal("CC BY-SA 4.0", caption.QuerySelector("a[rel~=license]")!.TextContent);
    }

    [Fact]
    public async Task UpdatePage_ShowsNoCandidateImage()
    {
        await using var pages = new Pages();

        var page = await pages.PageAsync<UpdateArticlePage, Update>(Published(null));

        Assert.Null(page.QuerySelector("figure"));
        Assert.Null(page.QuerySelector("article img"));
    }
}
