using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// The issuer classes the corpus's seventh holdout failed on where the page's own signals name the issuer and a partner, a
/// venue or a unit is merely mentioned (issue 18; docs/release-formats.md): the dateline sentence's subject that the text
/// names again without a word for an organisation, the name of a contact block the release's text also names, a domain
/// that spells the name with its article. Each with variants in other words, languages and shapes.
/// </summary>
public class SeventhHoldoutIssuerSignalTests
{
    private const string Title = "New catalyst splits water at room temperature";
    private const string Body = "Researchers have shown that a new catalyst splits water at room temperature with far less energy than before, which could make hydrogen much cheaper.";

    // "Fujitsu Limited announced today", "FAO said today": the dateline sentence's subject is the issuer when the text or the
    // title names it again, whole or by its leading word, even where no word in it says it is an organisation.
    [Theory]
    [InlineData("OSAKA, May 4, 2021 - Kawadaro Limited announced today that it is postponing its results.", "Kawadaro decided to move the date.", "Kawadaro Limited")]
    [InlineData("Bremen - Nordlicht Holding hat heute mitgeteilt, dass die Hauptversammlung verschoben wird.", "Nordlicht erwartet keine Folgen.", "Nordlicht Holding")]
    [InlineData("Lyon - Veloria a annoncé aujourd'hui le report de son assemblée générale.", "Veloria publiera une nouvelle date.", "Veloria")]
    [InlineData("15 February 2013, Rome - With the farming season due to start in May, farmers urgently need help, FEXO said today after talks with the minister.", "FEXO Director-General Ana Lima called for more seeds.", "FEXO")]
    [InlineData("GENEVA, 3 March 2022 - Stocks of grain are falling fast across the region, AGRIMA reported on Tuesday after a field survey.", "The AGRIMA survey covered nine countries.", "AGRIMA")]
    public void Text_TheDatelineSentencesSubject_NamedAgain_IsTheIssuer(string opening, string again, string expected)
    {
        var text = $"{Title}\n\n{opening} {Body}\n\n{again} {Body} The meeting was held at the Grand Conference Centre.\n\n{Body}\n";

        Assert.Equal(expected, Accept(text, "announced.txt").Organisation);
    }

    // A person said it, not an organisation: a person's name, with an honorific or an office, is no issuer, however often repeated,
    // and neither is a bare word for the kind of body ("Die Stiftung hat heute ...").
    [Theory]
    [InlineData("LONDON, 3 March 2022 - Prices are falling fast, Mr Halvorsen said today after a visit.", "Mr Halvorsen added that more help is needed.", "Mr Halvorsen")]
    [InlineData("LONDON, 3 March 2022 - Prices are falling fast, Dr Anna Brightwell said today after a visit.", "Dr Anna Brightwell added that more help is needed.", "Dr Anna Brightwell")]
    [InlineData("Berlin - Landesumweltministerin Clara Beispiel hat heute bekannt gegeben, welche Vorhaben gefördert werden.", "Landesumweltministerin Clara Beispiel hob hervor, wie wichtig das sei.", "Landesumweltministerin Clara Beispiel")]
    [InlineData("Berlin - Die Stiftung hat heute entschieden, ein neues Programm zu starten.", "Die Stiftung startet im Mai.", "Stiftung")]
    public void Text_APersonOrABareKindSayingItToday_IsNoIssuer(string opening, string again, string person)
    {
        var text = $"{Title}\n\n{opening} {Body}\n\n{again} {Body} The Example Relief Trust paid for the visit.\n\n{Body} The Example Relief Trust will return.\n";

        Assert.NotEqual(person, Accept(text, "person.txt").Organisation);
    }

    // A contact block that gives the contact's unit and then its organisation: the name the release's text also names is the
    // issuer's, not the unit's that only the block names.
    [Theory]
    [InlineData("Mag. Eva Beispiel\nZentrum für Forschungsservice,\nUniversität Beispielstadt\nBeispielring 1, A-1010 Beispielstadt", "die Universität Beispielstadt", "Universität Beispielstadt")]
    [InlineData("Jane Example\nTechnology Transfer Office\nExample State University\n12 College Road, Exampleton", "Example State University", "Example State University")]
    [InlineData("Maria Exemplo\nServizio Relazioni Esterne\nFondazione Esempio Ricerca\nVia Roma 1, 00100 Roma", "la Fondazione Esempio Ricerca", "Fondazione Esempio Ricerca")]
    public void Text_AContactBlocksNameTheTextAlsoNames_WinsOverTheUnit(string block, string mention, string expected)
    {
        var text = $"{Title}\n\nIn a statement {mention} said: {Body}\n\n{Body} This was said again by {mention} later.\n\nContact:\n{block}\n";

        Assert.Equal(expected, Accept(text, "contact.txt").Organisation);
    }

    // A domain may spell the name with its article ("theacropolismuseum.gr", "lafabriqueexemple.fr"): the name without it,
    // which the text names, is the domain's owner over a partner or a venue the text also mentions once.
    [Theory]
    [InlineData("https://www.thelighthousemuseum.example/en/press/exhibition", "the Lighthouse Museum", "Lighthouse Museum")]
    [InlineData("https://www.thenorthernexamplefoundation.org/news/grant", "The Northern Example Foundation", "The Northern Example Foundation")]
    [InlineData("https://www.lafabriqueexemple.fr/presse/expo", "la Fabrique Exemple", "Fabrique Exemple")]
    public void Html_ADomainThatSpellsTheNameWithItsArticle_NamesTheIssuer(string url, string mention, string expected)
    {
        var html = $"<html><head><title>{Title}</title><link rel=\"canonical\" href=\"{url}\"></head><body><h1>{Title}</h1>"
            + $"<p>After it was shown at the Harbour Arts Center in New York, the exhibition has arrived. At the initiative of the Example Partner Society and in collaboration with {mention}, it opens in May.</p><p>{Body}</p></body></html>";

        Assert.Equal(expected, Accept(html, "article.html").Organisation);
    }

    // "UNDP Administrator Helen Clark": a person's office after the name the domain spells is no part of the name.
    [Theory]
    [InlineData("Administrator")]
    [InlineData("Director-General")]
    [InlineData("President")]
    public void Email_APersonsOfficeAfterTheDomainsName_IsNoPartOfIt(string office)
    {
        var eml = $"From: Communication Office <communication.id@exda.org>\r\nSubject: EXDA Chief wraps up two day visit\r\nDate: Mon, 08 Dec 2025 10:00:00 +0100\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            + $"Jakarta - EXDA {office} Helen Roe wrapped up a two-day visit, meeting the UN Office for Forests. {Body}\r\n\r\nEXDA {office} Helen Roe thanked the staff. {Body}\r\n";

        Assert.Equal("EXDA", Accept(eml, "office.eml").Organisation);
    }

    // A domain spells a name's letters in ASCII ("helse-sorost.no" for "Helse Sør-Øst", "grossstadt-stiftung.de" for
    // "Großstadt Stiftung"): the name the text gives is the domain's owner over a name it mentions once.
    [Theory]
    [InlineData("https://www.helse-nordost.no/nyheter/rapport/", "Til orientering, fra nettsidene til Helse Nord-Øst i dag.", "Helse Nord-Øst")]
    [InlineData("https://www.grossstadt-stiftung.de/presse/bericht/", "Zur Information, von den Seiten der Großstadt Stiftung heute.", "Großstadt Stiftung")]
    [InlineData("https://www.aerokobenhavn.dk/nyheder/rapport/", "Til orientering, fra hjemmesiden for Ærø København i dag.", "Ærø København")]
    public void Text_ADomainSpellingANamesLettersInAscii_NamesTheIssuer(string url, string line, string expected)
    {
        var text = $"{Title}\n\n{line}\n\n{url}\n\n{Body} The report was handed over at Example universitetssykehus.\n\n{Body}\n";

        Assert.Equal(expected, Accept(text, "ascii.txt").Organisation);
    }

    // "About this update from X": an "About" followed by a word in lower case is a sentence, not an About heading's name.
    [Theory]
    [InlineData("About this update from Example Growth Corporation", "Example Growth Corporation")]
    [InlineData("About this release from the Example Growth Corporation", "Example Growth Corporation")]
    [InlineData("Über diese Meldung der Beispiel Wachstum AG", "Beispiel Wachstum AG")]
    public void Text_AnAboutLineGoingOnInLowerCase_IsNoName(string line, string expected)
    {
        var text = $"{Title}\n\n{Title} ...\n\n{line}\n\n{Body} {expected} agreed to it. {Body}\n\n{Body} {expected} will sell the site to Example Candy Company. Example Candy Company is glad.\n";

        Assert.Equal(expected, Accept(text, "about.txt").Organisation);
    }

    // A republisher's breadcrumb ("Examplesite → INFOPOOL → MEDIZIN", "Examplesite › Infopool › Medizin") is the site's chrome:
    // naming the site there is not the text naming it, so the site's domain does not make it the issuer.
    [Theory]
    [InlineData("Rundblickseite → INFOPOOL → MEDIZIN → FAKTEN")]
    [InlineData("Rundblickseite › Infopool › Medizin › Fakten")]
    [InlineData("Rundblickseite » Infopool » Medizin » Fakten")]
    public void Markdown_ARepublishersBreadcrumb_IsNoMentionOfTheSite(string breadcrumb)
    {
        var markdown = $"---\ntitle: '{Title}'\nurl: http://rundblickseite.org/infopool/medizin/m119.html\n---\n{breadcrumb}\n\nBeispiel Karls Universität Nord - 10.05.2010\n\n{Body} Beispiel Karls Universität Nord will teach it. {Body}\n";

        Assert.Equal("Beispiel Karls Universität Nord", Accept(markdown, "breadcrumb.md").Organisation);
    }
}
