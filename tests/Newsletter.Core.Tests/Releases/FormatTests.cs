using Newsletter.Core.Releases;
using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

public class FormatTests
{
    private const string Body = "Researchers at the institute have shown that a new catalyst splits water at room temperature with far less energy than before.";

    [Fact]
    public void Markdown_WithFrontMatter_TakesItsFields()
    {
        var release = Accept($"""
            ---
            title: New catalyst splits water
            date: 2024-03-05
            organisation: Institute of Chemistry
            topics: [energy, Materials]
            url: https://example.org/news/catalyst
            language: en
            ---
            {Body}

            ## What comes next

            A pilot plant opens in *2025*.
            """, "release.md");

        Assert.Equal("New catalyst splits water", release.Title);
        Assert.Equal(new DateOnly(2024, 3, 5), release.Date);
        Assert.Equal("Institute of Chemistry", release.Organisation);
        Assert.Equal(["energy", "materials"], release.Topics);
        Assert.Equal("https://example.org/news/catalyst", release.CanonicalUrl);
        Assert.Contains("<h2>What comes next</h2>", release.BodyHtml, StringComparison.Ordinal);
        Assert.Contains("<em>2025</em>", release.BodyHtml, StringComparison.Ordinal);
        Assert.Equal(ReleaseFormat.Markdown, release.Format);
    }

    [Fact]
    public void Markdown_H1RepeatingTheFrontMatterTitle_IsNotDuplicatedIntoTheBody()
    {
        var release = Accept($"""
            ---
            title: New catalyst splits water
            ---
            # New catalyst splits water

            {Body}
            """, "release.md");

        Assert.DoesNotContain("New catalyst splits water", release.BodyText, StringComparison.Ordinal);
        Assert.StartsWith("Researchers at the institute", release.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_WithoutFrontMatter_TakesTheH1AsTitle()
    {
        var release = Accept($"# Catalyst breakthrough\n\n{Body}\n", "release.markdown");

        Assert.Equal("Catalyst breakthrough", release.Title);
        Assert.DoesNotContain("Catalyst breakthrough", release.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_PressReleasePage_TakesMetadataAndTheArticleOnly()
    {
        var release = Accept($"""
            <!doctype html>
            <html lang="de-DE"><head>
              <title>Neuer Katalysator spaltet Wasser | Universität Beispiel</title>
              <meta name="author" content="Universität Beispiel">
              <meta property="article:published_time" content="2024-03-05T09:00:00+01:00">
              <meta name="keywords" content="Energie, Chemie">
              <link rel="canonical" href="https://uni.example/news/katalysator">
            </head><body>
              <nav><a href="/">Home</a> | <a href="/news">News</a></nav>
              <article>
                <h1>Neuer Katalysator spaltet Wasser</h1>
                <p>Forscher der Universität haben gezeigt, dass ein neuer Katalysator Wasser bei Raumtemperatur spaltet und dabei viel weniger Energie braucht als bisher.</p>
                <p>Mehr dazu <a href="/news/details">hier</a> und <a href="https://other.example/x">dort</a>.</p>
              </article>
              <footer>© 2024 Universität Beispiel. All rights reserved.</footer>
            </body></html>
            """, "release.html");

        Assert.Equal("Neuer Katalysator spaltet Wasser", release.Title);
        Assert.Equal(new DateOnly(2024, 3, 5), release.Date);
        Assert.Equal("Universität Beispiel", release.Organisation);
        Assert.Equal("de", release.Language);
        Assert.Equal(["energie", "chemie"], release.Topics);
        Assert.Equal("https://uni.example/news/katalysator", release.CanonicalUrl);
        Assert.DoesNotContain("Home", release.BodyText, StringComparison.Ordinal);
        Assert.DoesNotContain("All rights reserved", release.BodyText, StringComparison.Ordinal);
        Assert.Contains("href=\"https://uni.example/news/details\"", release.BodyHtml, StringComparison.Ordinal);
        Assert.Contains("rel=\"noopener noreferrer\"", release.BodyHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_PageTitleWithSiteSuffix_LosesTheSuffix_WhenThereIsNoH1()
    {
        var release = Accept($"<html><head><title>Catalyst breakthrough | Science|Business</title></head><body><p>{Body}</p></body></html>", "page.htm");

        Assert.Equal("Catalyst breakthrough", release.Title);
    }

    [Fact]
    public void Email_PrefersTheHtmlPart_AndNeverUsesBoth()
    {
        var release = Accept($"""
            From: "Institute of Chemistry" <press@chem.example>
            To: updates@network.example
            Subject: Fwd: Catalyst breakthrough
            Date: Tue, 05 Mar 2024 10:00:00 +0100
            MIME-Version: 1.0
            Content-Type: multipart/alternative; boundary="b1"

            --b1
            Content-Type: text/plain; charset=utf-8

            PLAIN VERSION {Body}
            --b1
            Content-Type: text/html; charset=utf-8

            <p>HTML VERSION {Body}</p>
            --b1--
            """.Replace("\n", "\r\n", StringComparison.Ordinal), "release.eml");

        Assert.Equal("Catalyst breakthrough", release.Title);
        Assert.Equal("Institute of Chemistry", release.Organisation);
        Assert.Equal(new DateOnly(2024, 3, 5), release.Date);
        Assert.Contains("HTML VERSION", release.BodyText, StringComparison.Ordinal);
        Assert.DoesNotContain("PLAIN VERSION", release.BodyText, StringComparison.Ordinal);
        Assert.Empty(release.Warnings);
    }

    [Fact]
    public void Email_TextOnly_DropsTheForwardingHeader()
    {
        var release = Accept($"""
            From: Press Office <press@chem.example>
            Subject: FW: Catalyst breakthrough
            Content-Type: text/plain; charset=utf-8

            ---------- Forwarded message ---------
            From: Someone <someone@chem.example>
            Date: Mon, 4 Mar 2024 at 09:12
            Subject: Catalyst breakthrough

            {Body}
            """, "release.eml");

        Assert.Equal("Catalyst breakthrough", release.Title);
        Assert.StartsWith("Researchers at the institute", release.BodyText, StringComparison.Ordinal);
        Assert.DoesNotContain("Forwarded", release.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_DocumentedSchema_IsRead()
    {
        var release = Accept($$"""
            {
              "title": "Catalyst breakthrough",
              "date": "2024-03-05",
              "organisation": "Institute of Chemistry",
              "summary": "A new catalyst splits water at room temperature.",
              "body": "{{Body}}\n\n**Contact:** press@chem.example",
              "topics": ["energy"],
              "url": "https://chem.example/news/1",
              "language": "en"
            }
            """, "release.json");

        Assert.Equal("Catalyst breakthrough", release.Title);
        Assert.Equal(new DateOnly(2024, 3, 5), release.Date);
        Assert.Equal("A new catalyst splits water at room temperature.", release.Summary);
        Assert.Contains("<strong>Contact:</strong>", release.BodyHtml, StringComparison.Ordinal);
        Assert.Equal(["energy"], release.Topics);
    }

    [Fact]
    public void SameReleaseInTwoFormats_HasTheSameContentHash()
    {
        var text = Accept($"Catalyst breakthrough\n\n{Body}\n", "a.txt");
        var markdown = Accept($"# Catalyst   breakthrough\n\n{Body}\n", "b.md");

        Assert.Equal(text.ContentHash, markdown.ContentHash);
        Assert.NotEqual(text.ContentHash, Accept($"Catalyst breakthrough\n\n{Body} Updated.\n", "c.txt").ContentHash);
    }

    [Theory]
    [InlineData("release.pdf", null)]
    [InlineData("release.doc", null)]
    [InlineData("release", "application/octet-stream")]
    public void UnsupportedFormats_AreRejected(string fileName, string? contentType)
    {
        var result = ReleaseParser.Parse("Title\n\nBody text here."u8, fileName, contentType);

        Assert.Equal(RejectionCodes.UnsupportedFormat, result.Rejection?.Code);
    }

    [Fact]
    public void ContentType_TellsTheFormat_WhenTheNameDoesNot()
    {
        var result = ReleaseParser.Parse("<h1>Title</h1><p>Body text here.</p>"u8, "upload", "text/html; charset=utf-8");

        Assert.Equal(ReleaseFormat.Html, result.Release?.Format);
    }
}
