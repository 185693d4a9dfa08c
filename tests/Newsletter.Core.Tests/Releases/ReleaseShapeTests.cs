using System.Text;
using Newsletter.Core.Releases;
using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

/// <summary>The four shapes of real releases that failed (issue 18), each with variants of its class of input.</summary>
public class ReleaseShapeTests
{
    private const string Title = "New catalyst splits water at room temperature";
    private const string Body = "Researchers at the institute have shown that a new catalyst splits water at room temperature with far less energy than before, which could make hydrogen much cheaper.";

    // 1. Site chrome before the title in a text upload: the headline is the line above a date line, dateline or deck.
    [Theory]
    [InlineData("Close\nDepartment of Physics\nHome\nMenu\nNews > Press releases\n\n{T}\n11 December 2019\n\n{B}")]
    [InlineData("Skip to main content\nSearch\nLog in\nLatest News\n\n{T}\n\nPublic Release: 11-Dec-2019\n\n{B}")]
    [InlineData("Press releases\nFilter by organization and/or search\n\n{T}\n\n11 December, 2019 - Institute of Chemistry\n\n{B}")]
    [InlineData("Startseite\nPresse\nAktuelles\n\n{T}\n\nBERLIN, 11. Dezember 2019 – {B}")]
    [InlineData("Home\nexample.org\n\n{T}\n\nA deck line that explains the headline in more words\n\n11 December 2019\n\n{B}")]
    [InlineData("A  A\nLogin Search\n\n{T}\n\n{B}\n\n11 December 2019")]
    public void Text_ChromeAboveTheTitle_IsSkipped(string shape)
    {
        var release = Accept(shape.Replace("{T}", Title, StringComparison.Ordinal).Replace("{B}", Body, StringComparison.Ordinal), "chrome.txt");

        Assert.Equal(Title, release.Title);
        Assert.Equal(new DateOnly(2019, 12, 11), release.Date);
        Assert.DoesNotContain("Menu", release.BodyText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<h1>Press releases</h1><h2>{T}</h2><p>11 December 2019</p><p>{B}</p>")]
    [InlineData("<div>Menu</div><div class=\"item\"><h3>{T}</h3><div>December 11, 2019</div><p>{B}</p></div>")]
    [InlineData("<h1>Aktuelle Pressemitteilungen</h1><p>Kontakt: Pressestelle</p><h3>{T}</h3><p>11.12.2019</p><p>{B}</p>")]
    public void Html_AChromeHeadingOrNoH1_TheDatedHeadingIsTheTitle(string shape)
    {
        var html = $"<html><head><title>Press | Example</title></head><body>{shape.Replace("{T}", Title, StringComparison.Ordinal).Replace("{B}", Body, StringComparison.Ordinal)}</body></html>";

        var release = Accept(html, "listing.html");

        Assert.Equal(Title, release.Title);
        Assert.Equal(new DateOnly(2019, 12, 11), release.Date);
        Assert.StartsWith("Researchers at the institute", release.BodyText, StringComparison.Ordinal);
    }

    // 2. A date only in a republisher's footer, and the dateline winning over it.
    [Theory]
    [InlineData("{T}\n\n{B}\n\nThis article was republished on 3 March 2021 from the university's newsroom.")]
    [InlineData("{T}\n\n{B}\n\nThese updates are republished press releases; this one on 3 March 2021.")]
    [InlineData("{T}\n\n{B}\n\nPosted by Jane Doe on March 3, 2021")]
    public void Text_DateOnlyInARepublishersFooter_IsTheDate(string shape)
    {
        var release = Accept(shape.Replace("{T}", Title, StringComparison.Ordinal).Replace("{B}", Body, StringComparison.Ordinal), "footer.txt");

        Assert.Equal(new DateOnly(2021, 3, 3), release.Date);
        Assert.DoesNotContain(release.Warnings, w => w.Contains("No publication date", StringComparison.Ordinal));
    }

    [Fact]
    public void Html_DateOnlyInARepublishersFooterElement_IsTheDate()
    {
        var release = Accept($"<h1>{Title}</h1><p>{Body}</p><footer>Published on 3 March 2021 by Science Weekly</footer>", "footer.html");

        Assert.Equal(new DateOnly(2021, 3, 3), release.Date);
        Assert.DoesNotContain("Science Weekly", release.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public void ADateline_WinsOverTheRepublishersFooter()
    {
        var release = Accept($"{Title}\n\nParis, 10 December 2019 - {Body}\n\nThis update was republished on 3 March 2021.\n", "both.txt");

        Assert.Equal(new DateOnly(2019, 12, 10), release.Date);
    }

    // 3. The organisation when the document does not say "Update from X".
    [Theory]
    [InlineData("GENEVA -- The Example Foundation today announced a new catalyst that splits water.", "The Example Foundation")]
    [InlineData("BERLIN, 4 May 2023 – Beispiel-Institut, a research institute in Berlin, announced today that a catalyst splits water.", "Beispiel-Institut")]
    [InlineData("WASHINGTON, March 4 -- The Example Society issued the following news release on March 3, 2021:", "The Example Society")]
    public void Organisation_FromTheDateline(string dateline, string expected)
    {
        var release = Accept($"{Title}\n\n{dateline}\n\n{Body}\n", "dateline.txt");

        Assert.Equal(expected, release.Organisation);
    }

    [Theory]
    [InlineData("About the Example Institute\n\nThe Example Institute is a research institute in Lyon.", "Example Institute")]
    [InlineData("About Example Labs: Example Labs is a company in Oslo.", "Example Labs")]
    [InlineData("Media contact: Jane Doe, Example University, +1 555 0100", "Example University")]
    [InlineData("Contact\nJade Boyd\nRice University", "Rice University")]
    [InlineData("Kontakt: Pressestelle, Universität Beispielstadt, presse@uni-beispiel.example", "Universität Beispielstadt")]
    public void Organisation_FromTheAboutParagraphOrThePressContact(string block, string expected)
    {
        var release = Accept($"{Title}\n11 December 2019\n\n{Body}\n\n{block}\n", "contact.txt");

        Assert.Equal(expected, release.Organisation);
    }

    [Fact]
    public void Organisation_FromTheCanonicalUrlsDomain()
    {
        var release = Accept($"---\ntitle: {Title}\nurl: https://www.examplefoundation.org/news/1\n---\n{Body} Grants from The Example Foundation and the Acme Fund paid for it.\n", "domain.md");

        Assert.Equal("The Example Foundation", release.Organisation);
    }

    [Fact]
    public void Organisation_FromTheSendersDomain()
    {
        var release = Accept($"From: press@gwu.example\r\nSubject: {Title}\r\nDate: Wed, 11 Dec 2019 10:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{Body} Staff at George Washington University and NASA worked on it.\r\n", "sender.eml");

        Assert.Equal("George Washington University", release.Organisation);
    }

    [Fact]
    public void Organisation_NeverTheRepublishingSite_WhenTheTextNamesTheIssuer()
    {
        var html = $"<head><meta property=\"og:site_name\" content=\"Science Weekly\"></head><h1>{Title}</h1><p>{Body}</p><p>Contact: Jane Doe, Example University</p>";

        Assert.Equal("Example University", Accept(html, "republished.html").Organisation);
        var mail = $"From: Science Weekly Alerts <alerts@scienceweekly.example>\r\nSubject: Fwd: {Title}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{Body}\r\n\r\nContact: Jane Doe, Example University\r\n";
        Assert.Equal("Example University", Accept(mail, "republished.eml").Organisation);
    }

    [Fact]
    public void Organisation_AMentionedSiteName_WinsAndLosesItsPressRoomWords()
    {
        var html = $"<head><meta property=\"og:site_name\" content=\"Salle de presse de l'Inserm\"></head><h1>{Title}</h1><p>{Body} Des chercheurs de l'Inserm et du CNRS y ont travaillé.</p>";

        Assert.Equal("Inserm", Accept(html, "site.html").Organisation);
    }

    [Fact]
    public void Organisation_NeverAPartnerNamedOnlyInTheTitle()
    {
        var release = Accept($"Example University partners with Acme Corporation\n11 December 2019\n\nResearchers at Example University will build a catalyst plant. Example University has done this before.\n", "partner.txt");

        Assert.Equal("Example University", release.Organisation);
    }

    [Fact]
    public void Organisation_TheMembersNameStillWins()
    {
        var release = Accept($"{Title}\n\nGENEVA -- The Example Foundation today announced a new catalyst.\n\n{Body}\n", "member.txt", new UploadContext { MemberName = "University College London" });

        Assert.Equal("University College London", release.Organisation);
    }

    // 4. A title with a line break inside it.
    [Theory]
    [InlineData("---\ntitle: \"Catalyst news\\r\\nBcc: victim@example.org\"\n---\n{B}\n", "break.md")]
    [InlineData("{\"title\": \"Catalyst news\\nX-Injected: yes\", \"bodyText\": \"{B}\"}", "break.json")]
    [InlineData("---\ntitle: |\n  Catalyst news\n  Bcc: victim@example.org\n---\n{B}\n", "literal.md")]
    public void ALineBreakThatSurvivesParsing_EndsTheTitle_WithAWarning(string shape, string fileName)
    {
        var release = Accept(shape.Replace("{B}", Body, StringComparison.Ordinal), fileName);

        Assert.Equal("Catalyst news", release.Title);
        Assert.Contains(release.Warnings, w => w.Contains("line break", StringComparison.Ordinal));
        Assert.DoesNotContain("victim", release.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Injected", release.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEncodedSubjectWithCrLf_EndsTheTitle()
    {
        var subject = "=?utf-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes("Catalyst news\r\nBcc: victim@example.org")) + "?=";
        var release = Accept($"From: Lab <lab@example.org>\r\nSubject: {subject}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{Body}\r\n", "subject.eml");

        Assert.Equal("Catalyst news", release.Title);
        Assert.Contains(release.Warnings, w => w.Contains("line break", StringComparison.Ordinal));
    }

    [Fact]
    public void ABareCarriageReturnInATextHeading_IsALineBreak()
    {
        var release = Accept($"Catalyst news\rBcc: victim@example.org\n11 December 2019\n\n{Body}\n", "cr.txt");

        Assert.Equal("Catalyst news", release.Title);
    }

    [Theory]
    [InlineData("<h1>Catalyst\n   news</h1><p>{B}</p>", "wrap.html")]
    [InlineData("Catalyst\nnews\n=====\n\n{B}\n", "setext.md")]
    [InlineData("---\ntitle: >\n  Catalyst\n  news\n---\n{B}\n", "folded.md")]
    public void ATitleThatMerelyWrapsInItsSource_IsOneTitle(string shape, string fileName)
    {
        var release = Accept(shape.Replace("{B}", Body, StringComparison.Ordinal), fileName);

        Assert.Equal("Catalyst news", release.Title);
        Assert.DoesNotContain(release.Warnings, w => w.Contains("line break", StringComparison.Ordinal));
    }
}
