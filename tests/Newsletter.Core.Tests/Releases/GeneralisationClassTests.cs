using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// Classes of input no corpus round has shown yet, found by reading the rules for the shapes they leave out (other
/// languages' verbs and months, a company's suffix, a logo set as the h1), each with variants of its own.
/// </summary>
public class GeneralisationClassTests
{
    private const string Title = "New catalyst splits water at room temperature";
    private const string Body = "The catalyst splits water at room temperature with far less energy than before, which could make hydrogen much cheaper for industry.";

    [Theory]
    [InlineData("BOSTON, April 15, 2021 -- Tellvar Labs, Inc. today announced a catalyst.", "Tellvar Labs, Inc")]
    [InlineData("BOSTON, April 15, 2021 -- Tellvar Therapeutics Holding Corp. (Tellvar or the Company), a clinical-stage company, today announced a catalyst.", "Tellvar Therapeutics Holding Corp")]
    [InlineData("Berlin, 15. April 2021 – Die Stiftung Tellvar hat heute einen Katalysator vorgestellt.", "Stiftung Tellvar")]
    [InlineData("Madrid, 15 de abril de 2021 – La Fundación Tellvar ha anunciado hoy un catalizador.", "Fundación Tellvar")]
    [InlineData("Lyon, le 15 avril 2021 – L'Institut Tellvar a annoncé aujourd'hui un catalyseur.", "Institut Tellvar")]
    public void Text_ADatelineSentenceWithASuffixOrATwoWordVerb_NamesTheIssuer(string dateline, string expected)
    {
        var partner = "The catalyst was tested at the Nordic Energy Agency, and the Nordic Energy Agency will run the pilot plant.";
        var release = Accept($"{Title}\n\n{dateline} {Body}\n\n{partner}\n", "announced.txt");

        Assert.Equal(expected, release.Organisation);
    }

    [Theory]
    [InlineData("<title>{T} | Example University</title>")]
    [InlineData("<title>{T} - News</title>")]
    [InlineData("<meta property=\"og:title\" content=\"{T}\">")]
    public void Html_AnH1ThatIsTheSitesName_GivesWayToTheHeadingThePageTitleNames(string head)
    {
        var html = $"<html><head>{head.Replace("{T}", Title, StringComparison.Ordinal)}</head><body><h1>Example University Newsroom</h1><p>Home › News</p><h2>{Title}</h2><p>15 April 2021</p><p>{Body}</p></body></html>";

        var release = Accept(html, "logo.html");

        Assert.Equal(Title, release.Title);
        Assert.DoesNotContain("Newsroom", release.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_AnH1ThePageTitleDoesNotName_StaysTheHeadlineWhenNoOtherHeadingIsNamed()
    {
        var html = $"<html><head><title>Example University</title></head><body><h1>{Title}</h1><p>{Body}</p><h2>Related stories from the lab</h2><p>{Body}</p></body></html>";

        Assert.Equal(Title, Accept(html, "plain.html").Title);
    }

    [Theory]
    [InlineData("15 desember 2021", 2021, 12, 15)]
    [InlineData("15 de desembre de 2021", 2021, 12, 15)]
    [InlineData("3 d'abril de 2021", 2021, 4, 3)]
    [InlineData("1° marzo 2021", 2021, 3, 1)]
    [InlineData("2021/04/15", 2021, 4, 15)]
    public void Text_DateShapesOfOtherLanguages_AreRead(string date, int year, int month, int day)
    {
        var release = Accept($"{Title}\n\n{date}\n\n{Body}\n", "dated.txt");

        Assert.Equal(new DateOnly(year, month, day), release.Date);
    }

    [Theory]
    [InlineData("Press releases")]
    [InlineData("Latest news")]
    public void Html_APageTitlesSuffixThatIsASection_IsNoSiteName(string suffix)
    {
        var html = $"<html><head><title>{Title} | {suffix}</title></head><body><h1>{Title}</h1><p>15 April 2021</p><p>{Body}</p></body></html>";

        Assert.Null(Accept(html, "section.html").Organisation);
    }

    [Theory]
    [InlineData("{\"@type\":\"NewsArticle\",\"datePublished\":\"2021-03-03T09:00:00+01:00\",\"publisher\":{\"@type\":\"Organization\",\"name\":\"Example Institute\"}}")]
    [InlineData("{\"@context\":\"https://schema.org\",\"@graph\":[{\"@type\":\"WebSite\",\"name\":\"Example\"},{\"@type\":\"Article\",\"datePublished\":\"2021-03-03\",\"author\":[{\"@type\":\"Organization\",\"name\":\"Example Institute\"}]}]}")]
    [InlineData("[{\"@type\":\"NewsArticle\",\"datePublished\":\"3 March 2021\",\"author\":{\"@type\":\"Person\",\"name\":\"Jane Doe\"},\"publisher\":{\"@type\":\"CollegeOrUniversity\",\"name\":\"Example Institute\"}}]")]
    public void Html_ThePagesSchemaOrgData_GivesTheDateAndTheSite(string json)
    {
        var html = $"<html><head><title>{Title}</title><script type=\"application/ld+json\">{json}</script></head><body><h1>{Title}</h1><p>{Body} The Example Institute led the work.</p></body></html>";

        var release = Accept(html, "linked.html");

        Assert.Equal(new DateOnly(2021, 3, 3), release.Date);
        Assert.Equal("Example Institute", release.Organisation);
    }

    [Theory]
    [InlineData("{\"@type\":\"NewsArticle\",\"datePublished\":")]
    [InlineData("{\"@type\":\"NewsArticle\",\"datePublished\":\"2021-13-45\"}")]
    public void Html_BrokenSchemaOrgData_IsIgnored(string json)
    {
        var html = $"<html><head><script type=\"application/ld+json\">{json}</script></head><body><h1>{Title}</h1><p>15 April 2021</p><p>{Body}</p></body></html>";

        Assert.Equal(new DateOnly(2021, 4, 15), Accept(html, "broken.html").Date);
    }

    [Theory]
    [InlineData("About Example University\nExample University is a public research university.", "Example University")]
    [InlineData("À propos de l'Inserm\nL'Inserm est un établissement public.", "Inserm")]
    [InlineData("Über die Stiftung Tellvar\nDie Stiftung Tellvar ist eine gemeinnützige Stiftung.", "Stiftung Tellvar")]
    public void Text_AnAboutHeadingRunIntoItsParagraph_GivesTheNameOnce(string about, string expected)
    {
        var release = Accept($"{Title}\n\n15 April 2021\n\n{Body}\n\n{about}\n", "about.txt");

        Assert.Equal(expected, release.Organisation);
    }

    [Theory]
    [InlineData("Researchers of the University of Springfield built it.", "University of Springfield")]
    [InlineData("Onderzoekers van de Universiteit Utrecht hebben het gebouwd.", "Universiteit Utrecht")]
    [InlineData("Investigadores de la Universidad de Sevilla lo han construido.", "Universidad de Sevilla")]
    [InlineData("Ricercatori dell'Università di Padova lo hanno costruito.", "Università di Padova")]
    public void Text_PeopleAtAnOrganisation_AreNotPartOfItsName(string sentence, string expected)
    {
        var release = Accept($"{Title}\n\n15 April 2021\n\n{sentence} {Body}\n", "people.txt");

        Assert.Equal(expected, release.Organisation);
    }

    [Theory]
    [InlineData("Die Technische Universität München (TUM) hat einen Katalysator entwickelt.", "Technische Universität München")]
    [InlineData("Die Ludwig-Maximilians-Universität München hat einen Katalysator entwickelt.", "Ludwig-Maximilians-Universität München")]
    [InlineData("A Universidade de Lisboa construiu o catalisador.", "Universidade de Lisboa")]
    [InlineData("La Trobe University has built a catalyst.", "La Trobe University")]
    public void Text_AnArticleBeforeAName_IsDropped(string sentence, string expected)
    {
        var release = Accept($"{Title}\n\n15 April 2021\n\n{sentence} {Body}\n", "article.txt");

        Assert.Equal(expected, release.Organisation);
    }
}
