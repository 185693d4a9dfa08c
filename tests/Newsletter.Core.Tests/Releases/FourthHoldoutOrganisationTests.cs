using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// The organisation classes the corpus's fourth holdout failed on (issue 18; docs/release-formats.md), each with variants
/// of its own that are not corpus files.
/// </summary>
public class FourthHoldoutOrganisationTests
{
    private const string Title = "New catalyst splits water at room temperature";
    private const string Body = "Researchers have shown that a new catalyst splits water at room temperature with far less energy than before, which could make hydrogen much cheaper.";

    // A page title's site name after a dash, where it reads as an organisation the text names.
    [Theory]
    [InlineData("2021 Press Releases - The Example University Medical Center", "physicians at the Example University Medical Center and the Example University lab", "The Example University Medical Center")]
    [InlineData("Press Releases and Statements – Example Foundation", "the Example Foundation said it would double its grants", "Example Foundation")]
    public void Html_ThePageTitlesDashSuffix_NamesTheIssuerWhenTheTextNamesIt(string pageTitle, string mention, string expected)
    {
        var html = $"<html><head><title>{pageTitle}</title></head><body><h1>{Title}</h1><p>{Body} The work involved {mention}.</p></body></html>";

        Assert.Equal(expected, Accept(html, "suffix.html").Organisation);
    }

    [Fact]
    public void Html_ANewspapersDashSuffix_IsNoOrganisation()
    {
        var html = $"<html><head><title>{Title} - DIE ZEITUNG</title></head><body><h1>{Title}</h1><p>{Body} The Example Institute of Chemistry led the work.</p></body></html>";

        Assert.Equal("The Example Institute of Chemistry", Accept(html, "paper.html").Organisation);
    }

    // The words after those that spell the canonical URL's domain belong to the sentence, not to the name.
    [Theory]
    [InlineData("Example Foundation Commits $10 Million to Support Farmers", "Example Foundation")]
    [InlineData("Example Foundation Awards Its Prize", "Example Foundation")]
    public void Html_WordsAfterTheDomainsSpelling_AreNotPartOfTheName(string heading, string expected)
    {
        var html = "<html><head><link rel=\"canonical\" href=\"https://www.examplefoundation.org/news/1\"></head><body>"
            + $"<h1>{Title}</h1><p>{Body}</p><h3>{heading}</h3><p>{Body}</p></body></html>";

        Assert.Equal(expected, Accept(html, "domain.html").Organisation);
    }
}
