using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// What a bracket after a headline holds (issue 18; docs/release-formats.md): the day of the event the headline names ("Press
/// Conference for the exhibition (17 July 2017)") is the headline's and stays; a publication note, a release's label with its date
/// ("(Press Release of 8 March 2021)"), is no part of it; a listing's date after any other headline ("[June 2025]", "(15 April
/// 2021)") still goes. Each with variants of its own that are not corpus files.
/// </summary>
public class SeventhHoldoutBracketTests
{
    private const string Body = "The museum presents its new temporary exhibition to the press, with the curators and the artists, before it opens to the public on the following day.";

    private static string Markdown(string title) => $"---\ntitle: \"{title}\"\ndate: 2017-07-12\n---\n\n{Body}\n\n{Body}\n";

    [Theory]
    [InlineData("Press Conference for the temporary exhibition \\\"Emotions\\\" (17 July 2017)", "Press Conference for the temporary exhibition \"Emotions\" (17 July 2017)")]
    [InlineData("Pressekonferenz zur Sonderausstellung der Stadt (17. Juli 2017)", "Pressekonferenz zur Sonderausstellung der Stadt (17. Juli 2017)")]
    [InlineData("Conférence de presse pour l'exposition temporaire (17 juillet 2017)", "Conférence de presse pour l'exposition temporaire (17 juillet 2017)")]
    public void Markdown_TheDayOfTheEventTheHeadlineNamesInBrackets_StaysInTheHeadline(string yamlTitle, string title)
    {
        var release = Accept(Markdown(yamlTitle), "event.md");

        Assert.Equal(title, release.Title);
    }

    [Theory]
    [InlineData("Observatory on women's participation in company boards - first survey analysis (Press Release of 8 March 2021)", "Observatory on women's participation in company boards - first survey analysis")]
    [InlineData("Observatoire de la participation des femmes aux conseils (Communiqué de presse du 8 mars 2021)", "Observatoire de la participation des femmes aux conseils")]
    [InlineData("Beobachtungsstelle zur Beteiligung von Frauen in Aufsichtsräten (Pressemitteilung vom 8. März 2021)", "Beobachtungsstelle zur Beteiligung von Frauen in Aufsichtsräten")]
    [InlineData("Osservatorio sulla partecipazione femminile nei consigli (Comunicato stampa dell'8 marzo 2021)", "Osservatorio sulla partecipazione femminile nei consigli")]
    public void Html_AReleasesPublicationNoteInBrackets_IsNoPartOfTheHeadline(string h1, string title)
    {
        var html = $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><article><h1>{h1}</h1><p>8 March 2021</p><p>{Body}</p><p>{Body}</p></article></body></html>";

        var release = Accept(html, "note.html");

        Assert.Equal(title, release.Title);
    }

    [Theory]
    [InlineData("New rules agreed on bottom trawling [June 2025]", "New rules agreed on bottom trawling")]
    [InlineData("Annual report on the state of the rivers (2019)", "Annual report on the state of the rivers")]
    [InlineData("New report on the state of the rivers (15 April 2021)", "New report on the state of the rivers")]
    public void Markdown_AListingsMonthOrYearInBrackets_StillGoes(string yamlTitle, string title)
    {
        var release = Accept(Markdown(yamlTitle), "listing.md");

        Assert.Equal(title, release.Title);
    }
}
