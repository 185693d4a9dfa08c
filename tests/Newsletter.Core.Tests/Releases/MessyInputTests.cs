using Newsletter.Core.Releases;
using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

public class MessyInputTests
{
    private const string Body = "The consortium will build a shared data platform for climate research across twelve countries over four years.";

    [Fact]
    public void NavigationNoiseAndImageCaptions_BeforeTheTitle_AreSkipped()
    {
        var release = Accept($"""
            Home > News > Press releases
            Home | News | Events | Contact
            Photo: The consortium partners in Brussels (Credit: J. Doe)
            Climate data platform launched

            {Body}
            """, "noisy.txt");

        Assert.Equal("Climate data platform launched", release.Title);
        Assert.StartsWith("The consortium will build", release.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public void HtmlCaptionBeforeTheHeading_IsNotTheTitleNorTheBody()
    {
        var release = Accept($"""
            <body><p>Image: consortium.jpg</p><figure><img src="x.jpg"><figcaption>The partners</figcaption></figure>
            <h1>Climate data platform launched</h1><p>{Body}</p></body>
            """, "noisy.html");

        Assert.Equal("Climate data platform launched", release.Title);
        Assert.DoesNotContain("consortium.jpg", release.BodyText, StringComparison.Ordinal);
        Assert.DoesNotContain("The partners", release.BodyText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("These updates are republished press releases and communications from members of the Science|Business Network")]
    [InlineData("Never miss an update from Science|Business:   Newsletter sign-up")]
    [InlineData("This press release was originally published by the University of Example.")]
    [InlineData("Share this article")]
    [InlineData("Tweet | Facebook | LinkedIn | Email")]
    [InlineData("Subscribe to our newsletter")]
    public void BoilerplateLines_AreRemovedFromTheBody(string boilerplate)
    {
        var release = Accept($"Climate data platform launched\n\n{boilerplate}\n\n{Body}\n\n{boilerplate}\n", "b.txt");

        Assert.Equal(Body, release.BodyText);
    }

    [Theory]
    [InlineData("11 Dec 2019", 2019, 12, 11)]
    [InlineData("December 10, 2019", 2019, 12, 10)]
    [InlineData("2019-12-11", 2019, 12, 11)]
    [InlineData("Wednesday, 11 December 2019", 2019, 12, 11)]
    [InlineData("onsdag den 11 december 2019", 2019, 12, 11)]
    [InlineData("Mittwoch, 11. Dezember 2019", 2019, 12, 11)]
    [InlineData("mercredi 11 décembre 2019", 2019, 12, 11)]
    [InlineData("woensdag 11 december 2019", 2019, 12, 11)]
    [InlineData("11. marts 2020", 2020, 3, 11)]
    [InlineData("1er février 2021", 2021, 2, 1)]
    [InlineData("11 de diciembre de 2019", 2019, 12, 11)]
    [InlineData("3 maggio 2022", 2022, 5, 3)]
    [InlineData("11.12.2019", 2019, 12, 11)]
    [InlineData("Sept. 3, 2020", 2020, 9, 3)]
    public void Dates_InManyShapesAndLanguages_AreRead(string written, int year, int month, int day)
    {
        var release = Accept($"Climate data platform launched\n{written}\n\n{Body}\n", "d.txt");

        Assert.Equal(new DateOnly(year, month, day), release.Date);
    }

    [Fact]
    public void Date_FromATimeElement()
    {
        var release = Accept($"<article><h1>Climate data platform launched</h1><time datetime=\"2021-06-30\">last summer</time><p>{Body}</p></article>", "t.html");

        Assert.Equal(new DateOnly(2021, 6, 30), release.Date);
    }

    [Fact]
    public void Date_OnlyInAFooter_IsFound()
    {
        var release = Accept($"Climate data platform launched\n\n{Body}\n\nMore detail follows in the annex.\n\nBrussels, 4 May 2023\n", "f.txt");

        Assert.Equal(new DateOnly(2023, 5, 4), release.Date);
    }

    [Fact]
    public void Date_LabelledLine_IsRead()
    {
        var release = Accept($"Climate data platform launched\nDate: 4 May 2023\n\n{Body}\n", "l.txt");

        Assert.Equal(new DateOnly(2023, 5, 4), release.Date);
    }

    [Fact]
    public void Date_Missing_IsAWarningNotARejection()
    {
        var release = Accept($"Climate data platform launched\n\n{Body}\n", "n.txt");

        Assert.Null(release.Date);
        Assert.Contains(release.Warnings, w => w.Contains("No publication date", StringComparison.Ordinal));
    }

    [Fact]
    public void ImpossibleDatesInText_AreIgnored()
    {
        var release = Accept($"Climate data platform launched\n31 February 2020\n\n{Body}\n", "x.txt");

        Assert.Null(release.Date);
    }

    [Fact]
    public void Organisation_FromHtmlSiteName_WhenNoAuthor()
    {
        var release = Accept($"<head><meta property=\"og:site_name\" content=\"Example Institute\"></head><h1>Climate data platform launched</h1><p>{Body}</p>", "o.html");

        Assert.Equal("Example Institute", release.Organisation);
    }

    [Fact]
    public void Topics_NotAllowedForTheMember_AreDroppedWithAWarning()
    {
        var release = Accept($"---\ntitle: Climate data platform launched\ntopics: [climate, crypto]\n---\n{Body}\n", "t.md",
            new UploadContext { MemberName = "Example", AllowedTopics = ["climate", "energy"] });

        Assert.Equal(["climate"], release.Topics);
        Assert.Contains(release.Warnings, w => w.Contains("'crypto'", StringComparison.Ordinal));
    }

    [Fact]
    public void LongFirstParagraph_GivesASummaryOfAtMost300CharactersCutAtAWord()
    {
        var paragraph = string.Join(' ', Enumerable.Repeat("Researchers measured the melting of glaciers in the Alps.", 12));
        var release = Accept($"Glaciers\n\n{paragraph}\n", "s.txt");

        Assert.True(release.Summary.Length <= 300, $"{release.Summary.Length}");
        Assert.EndsWith("…", release.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("  ", release.Summary, StringComparison.Ordinal);
        var withoutEllipsis = release.Summary.TrimEnd('…');
        Assert.StartsWith(withoutEllipsis, paragraph, StringComparison.Ordinal);
        Assert.Equal(' ', paragraph[withoutEllipsis.Length]);
    }
}
