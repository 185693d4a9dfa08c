using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// The page chrome the seventh holdout took for the headline (issue 18; docs/release-formats.md): a search's result count, a
/// "what's new" heading, a tag's or an archive's heading, a sponsor's label, a press office's unit name and a press section's
/// name in the languages the earlier rounds did not hold. None of them says what happened, in any language. Each with variants
/// of its own that are not corpus files.
/// </summary>
public class SeventhHoldoutChromeTests
{
    private const string Title = "New catalyst splits water at room temperature";
    private const string Body = "Researchers at the institute have shown that a new catalyst splits water at room temperature with far less energy than before, which could make hydrogen much cheaper.";

    // Class 1: a search's or a listing's count of results above the headline.
    [Theory]
    [InlineData("Results 21 - 30 of 1250")]
    [InlineData("Showing 1–20 of 312 results")]
    [InlineData("Ergebnisse 1 bis 10 von 87")]
    [InlineData("Résultats 1 à 10 sur 56")]
    [InlineData("Resultados 1 - 10 de 230")]
    [InlineData("1 - 10 of 423 results")]
    public void Text_AResultCountAboveTheHeadline_IsNotTheTitle(string count)
    {
        var release = Accept($"Search results\n\n{count}\n\n{Title}\n\n{Body}\n\n13 January 2021\nNews\n", "results.txt");

        Assert.Equal(Title, release.Title);
    }

    // Class 2: a "what's new" heading and a press section's name in another language above the date line and the headline.
    [Theory]
    [InlineData("What is new", "News and announcements")]
    [InlineData("Was ist neu", "Aktuelles und Termine")]
    [InlineData("Quoi de neuf", "Actualités et communiqués")]
    [InlineData("Wat is nieuw", "Nieuws en persberichten")]
    [InlineData("Hva er nytt", "Nyheter og pressemeldinger")]
    [InlineData("Sala de premsa", "Notes i comunicats")]
    [InlineData("Tiskové zprávy", "Aktuality")]
    [InlineData("Komunikaty prasowe", "Aktualności")]
    [InlineData("Sajtóközlemények", "Hírek")]
    [InlineData("Fréttatilkynningar", "Fréttir")]
    public void Text_AWhatsNewHeadingOrAPressSectionAboveTheDate_IsNotTheTitle(string heading, string section)
    {
        var release = Accept($"{heading}\n\n{section}\n\n29.11.2025\n\n{Title}\n\n{Body}\n", "section.txt");

        Assert.Equal(Title, release.Title);
    }

    // Class 3: a tag's, a category's or an archive's heading as the page's h1, the release under it.
    [Theory]
    [InlineData("Tag: Press Release")]
    [InlineData("Tagged: Climate Research")]
    [InlineData("Schlagwort: Forschung")]
    [InlineData("Étiquette : Communiqué")]
    [InlineData("Research Projects Archive")]
    [InlineData("Archiv Forschungsprojekte")]
    [InlineData("Archivio Comunicati")]
    public void Html_ATagOrArchiveHeading_IsNotTheTitle(string heading)
    {
        var html = $"<html><body><h1 class=\"page-title\">{heading}</h1><article><h2>{Title}</h2><p>{Body}</p></article>"
            + "<article><h2>Another story from the same archive page</h2><p>Another short blurb.</p></article></body></html>";

        Assert.Equal(Title, Accept(html, "tag.html").Title);
    }

    [Theory]
    [InlineData("Library opens its photo archive to the public")]
    [InlineData("Tag: a day of research for every school in the region")]
    public void Html_AHeadlineAboutAnArchiveOrATag_StaysTheTitle(string headline)
    {
        var html = $"<html><body><h1>{headline}</h1><p>{Body}</p></body></html>";

        Assert.Equal(headline, Accept(html, "archive.html").Title);
    }

    // Class 4: a sponsor's label above a republisher's headline, under the date line.
    [Theory]
    [InlineData("Content from our Premium Partner")]
    [InlineData("Sponsored content from our partners")]
    [InlineData("Partner content")]
    [InlineData("Contenuto sponsorizzato")]
    [InlineData("Publireportage")]
    public void Text_ASponsorsLabelUnderTheDate_IsNotTheTitle(string label)
    {
        var release = Accept($"18 December 2007\n{label}\n\nExample Development Agency (Tunis)\n\n{Title}\n\npress release\n\n{Body}\n\n{Body}\n", "sponsor.txt");

        Assert.Equal(Title, release.Title);
    }

    // A headline with a word in brackets after it is no credited source: "... Results (Corrected)".
    [Theory]
    [InlineData("Example Agency Reports Third Quarter Results (Corrected)")]
    [InlineData("City Council Approves New Budget (Update)")]
    public void Text_AHeadlineWithABracketedWord_StaysTheTitle(string headline)
    {
        var release = Accept($"18 December 2007\nPartner content\n\n{headline}\n\npress release\n\n{Body}\n\n{Body}\n", "bracket.txt");

        Assert.Equal(headline, release.Title);
    }

    // Class 5: a press office's unit name between the press contact and the headline.
    [Theory]
    [InlineData("Communications and External Relations")]
    [InlineData("Office of Public Affairs")]
    [InlineData("Media Relations")]
    [InlineData("Corporate Communications")]
    [InlineData("Hochschulkommunikation")]
    [InlineData("Ufficio stampa")]
    public void Text_APressOfficesUnitAboveTheHeadline_IsNotTheTitle(string unit)
    {
        var release = Accept($"Example National Laboratory\n\n\nNews Release\n\nMedia Contact: Jane Doe (jane@example.org)\n{unit}\n\n\n{Title}\n\n"
            + $"EXAMPLE CITY, Tenn., June 23, 2005 — {Body}\n\n{Body}\n", "unit.txt");

        Assert.Equal(Title, release.Title);
    }
}
