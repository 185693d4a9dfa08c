using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// The headline of a Word document without a Title style (issue 18; docs/release-formats.md): a paragraph in capitals above the
/// first heading, which is its deck; the first line that reads as a headline when the line above the date line is a photo's
/// credit; never the issuer's name alone above the headline and its decks. Each with variants of its own that are not corpus files.
/// </summary>
public class RoundSevenDocumentTests
{
    private const string Body = "The company is pleased to announce that it is bringing five hundred highly skilled scientific jobs to the region through a major expansion of its research footprint, which leads clinical studies in several areas.";

    [Theory]
    [InlineData("EXAMPLE PHARMA ANNOUNCES MAJOR INVESTMENT IN THE REGION'S LIFE SCIENCES SECTOR", "Investment brings 500 scientific jobs to the region")]
    [InlineData("BEISPIEL AG KÜNDIGT GROSSE INVESTITION IN DIE BIOTECHNOLOGIE AN", "Die Investition bringt 500 Arbeitsplätze in die Region")]
    [InlineData("EXEMPLE SA ANNONCE UN INVESTISSEMENT MAJEUR DANS LES SCIENCES DE LA VIE", "L'investissement apporte 500 emplois à la région")]
    public void Docx_ACapitalsParagraphAboveTheFirstHeading_IsTheHeadlineAndTheHeadingItsDeck(string headline, string deck)
    {
        var source = $"{headline}\n## {deck}\nSPRINGFIELD, Feb. 27, 2023 /Example Wire/ - {Body}\n{Body}\n";

        var release = Accept(DocxBuilder.FromSource(source), "capitals.docx");

        Assert.Equal(headline, release.Title);
    }

    // An issuer's name in capitals above the heading is a letterhead: the heading stays the headline.
    [Theory]
    [InlineData("MINISTRY OF HEALTH")]
    [InlineData("EXAMPLE FOUNDATION")]
    public void Docx_AnIssuersNameInCapitalsAboveTheHeading_LeavesTheHeadingTheHeadline(string name)
    {
        var source = $"{name}\n## Investment brings 500 scientific jobs to the region\n{Body}\n{Body}\n";

        var release = Accept(DocxBuilder.FromSource(source), "letterhead.docx");

        Assert.Equal("Investment brings 500 scientific jobs to the region", release.Title);
    }

    [Theory]
    [InlineData("Mensaje a la Nación: Gobierno logró destrabar 57 obras paralizadas en salud", "Nota de prensa", "Fotos: Minsa", "28 de julio de 2024 - 6:03 p. m.")]
    [InlineData("State of the Nation: Government restarts 57 stalled health projects", "Press release", "Photo: Ministry", "28 July 2024 - 6:03 p.m.")]
    [InlineData("Rede an die Nation: Regierung nimmt 57 stillgelegte Bauprojekte wieder auf", "Pressemitteilung", "Foto: Ministerium", "28. Juli 2024, 18:03")]
    public void Docx_APhotosCreditAboveTheDateLine_GivesWayToTheFirstLineThatReadsAsAHeadline(string headline, string label, string credit, string dateLine)
    {
        var source = $"{headline}\n{label}\nFive new hospitals are being built and four cancer units have opened in the regions\n{credit}\n{dateLine}\n{Body}\n{Body}\n";

        var release = Accept(DocxBuilder.FromSource(source), "credit.docx");

        Assert.Equal(headline, release.Title);
    }

    [Theory]
    [InlineData("Ministry of Information & Broadcasting", "India to take part in the 77th Example Film Festival (14-25 May)")]
    [InlineData("Department of Culture and Sport", "Country to take part in the 77th Example Film Festival for the first time")]
    public void Docx_AnIssuersNameAloneAboveTheHeadlineAndItsDecks_IsALetterheadNotTheHeadline(string name, string headline)
    {
        var source = $"{name}\n{headline}\n'Example Parv' to be celebrated at the 77th Example Film Festival\nThe national pavilion christened as inspired by the storyteller\n"
            + $"Posted On: 10 MAY 2024 1:08PM by Press Office Delhi\n{Body}\n{Body}\n";

        var release = Accept(DocxBuilder.FromSource(source), "letterhead-run.docx");

        Assert.Equal(headline, release.Title);
    }
}
