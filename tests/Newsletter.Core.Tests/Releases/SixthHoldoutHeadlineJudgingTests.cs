using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// How the parser judges headline candidates the sixth holdout still failed on (issue 18; docs/release-formats.md): a bold
/// headline under a press contact's line, which no longer hides it behind the page's shorter title; a menu's last entry right
/// above the date line, which is no headline when the line under the date is one; and a digest mail, whose subject names the
/// bulletin's issue and whose headline is its first story's. Each with variants of its own that are not corpus files.
/// </summary>
public class SixthHoldoutHeadlineJudgingTests
{
    private const string Body = "Researchers at the institute have shown that a new catalyst splits water at room temperature with far less energy than before, which could make hydrogen much cheaper.";

    // Class 1: a bold headline paragraph under the date line and a press contact's line; the page's title holds only its start.
    [Theory]
    [InlineData("Contact: Example Corp - Leeds, Jane Doe, (0113) 555 0100 or your local press office; Partner Ltd Investor Relations, John Roe, (0113) 555 0199",
        "Example Corp Signs Agreement with Partner Ltd To Share Fibre Networks in Yorkshire")]
    [InlineData("Media contact: Stadtwerke Beispiel, Anna Muster, +49 30 555 0100, Pressestelle, Beispielstraße 4, 10115 Berlin, Germany",
        "Stadtwerke Beispiel schließt Vertrag mit Netz AG über gemeinsame Leitungen in Brandenburg")]
    [InlineData("Contacto: Ayuntamiento de Ejemplo, Gabinete de prensa, María Pérez, 91 555 01 00, o su oficina de prensa local más cercana",
        "El Ayuntamiento de Ejemplo firma un acuerdo con la red regional para compartir sus líneas")]
    public void Html_ABoldHeadlineUnderAPressContactsLine_IsTheTitleInFull(string contact, string headline)
    {
        var shortForm = string.Join(' ', headline.Split(' ').Take(6));
        var html = $"<html><head><title>Example Media - {shortForm}</title></head><body><table><tr><td><a href=\"/\">Who We Are</a> | <a href=\"/m\">Media</a></td></tr></table>"
            + $"<table><tr><td><p>February 4, 1997</p><p>{contact}</p><p><b>{headline}</b></p><p>{Body}</p><p>{Body}</p></td></tr></table></body></html>";

        Assert.Equal(headline, Accept(html, "contact.html").Title);
    }

    [Fact]
    public void Html_ABoldLineInsideTheRunningText_IsNotTheTitle()
    {
        var html = "<html><head><title>Example Media - City opens a new library</title></head><body>"
            + $"<p>February 4, 1997</p><p>{Body}</p><p><b>A quote from the mayor about the new library</b></p><p>{Body}</p></body></html>";

        Assert.Equal("City opens a new library", Accept(html, "running.html").Title);
    }

    // Class 2: a menu's last entry right above the date line, the headline under the date.
    [Theory]
    [InlineData("Research\nTeaching\nInternational\nLife on campus", "A plant compound could become a weapon against cancer")]
    [InlineData("Forschung\nLehre\nInternationales\nLeben am Campus", "Ein Pflanzenstoff könnte gegen Krebs helfen")]
    [InlineData("Investigación\nDocencia\nInternacional\nVida del campus", "Un compuesto vegetal podría frenar el cáncer")]
    [InlineData("Recherche\nEnseignement\nVie du campus", "Une plante, future arme contre le cancer?")]
    public void Text_AMenusLastEntryAboveTheDateLine_IsNotTheTitle(string menu, string headline)
    {
        var release = Accept($"Skip to content\nExample University\n\n{menu}\n\nMonday 26-02-2018\n{headline}\n\n{Body}\n", "menu.txt");

        Assert.Equal(headline, release.Title);
    }

    [Theory]
    [InlineData("Mayor opens library")]
    [InlineData("Neue Bibliothek eröffnet")]
    public void Text_AShortHeadlineAboveTheDateLine_StaysTheTitle(string headline)
    {
        var release = Accept($"Example City\n\n{headline}\n26 February 2018\n{Body}\n", "short.txt");

        Assert.Equal(headline, release.Title);
    }

    [Fact]
    public void Text_AShortHeadlineUnderAMenuWithTheBodyBelowTheDate_StaysTheTitle()
    {
        var release = Accept($"Home\nNews\nEvents\nMayor opens library\n26 February 2018\n{Body}\n", "menu-short.txt");

        Assert.Equal("Mayor opens library", release.Title);
    }

    // Class 3: a digest mail, its subject the bulletin's issue, a list of its stories, then each story under its headline.
    [Theory]
    [InlineData("Newsletter vom 14.05.2019", "Liebe Leserinnen und Leser,", "Aus dem Rektorat", "Neues Labor für Quantenphysik an der Universität eröffnet")]
    [InlineData("Weekly digest of 3 March 2020", "Dear readers,", "In this issue", "City council approves the new cycling network for the centre")]
    [InlineData("Bulletin du 3 mars 2020", "Chers lecteurs,", "Au sommaire", "La région ouvre un nouveau centre de recherche marine à Brest")]
    [InlineData("Nieuwsbrief van 3 maart 2020", "Beste lezer,", "In deze editie", "Provincie investeert in nieuwe fietspaden langs de kust")]
    public void Email_ADigestsSubject_GivesWayToItsFirstStorysHeadline(string subject, string salutation, string section, string headline)
    {
        var eml = $"From: Press Office <press@example.org>\r\nSubject: {subject}\r\nDate: Thu, 15 Apr 2021 17:45:10 +0200\r\n"
            + $"Content-Type: text/plain; charset=utf-8\r\n\r\n{subject}\r\n\r\n{salutation}\r\n\r\nthe press office sends you the latest news.\r\n\r\n{section}\r\n\r\n"
            + $"  * {headline} ... more\r\n  * Second story of the issue ... more\r\n  * Third story of the issue ... more\r\n\r\n"
            + $"--------------------------------\r\n{section}\r\n--------------------------------\r\n\r\n{headline}\r\n\r\n{Body}\r\n\r\n{Body}\r\n";

        Assert.Equal(headline, Accept(eml, "digest.eml").Title);
    }

    [Fact]
    public void Email_ADigestWithOnlyItsListOfStories_KeepsTheSubject()
    {
        var eml = "From: Press Office <press@example.org>\r\nSubject: Newsletter vom 14.05.2019\r\nDate: Thu, 15 Apr 2021 17:45:10 +0200\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n\r\nLiebe Leserinnen und Leser,\r\n\r\n  * Neues Labor eröffnet ... mehr\r\n  * Zweite Meldung der Ausgabe ... mehr\r\n\r\n"
            + $"{Body}\r\n";

        Assert.Equal("Newsletter vom 14.05.2019", Accept(eml, "digest-list.eml").Title);
    }

    [Fact]
    public void Email_AReleasesSubject_IsNotReplacedByALaterHeadline()
    {
        var eml = "From: Press Office <press@example.org>\r\nSubject: City council approves the new cycling network\r\nDate: Thu, 15 Apr 2021 17:45:10 +0200\r\n"
            + $"Content-Type: text/plain; charset=utf-8\r\n\r\n{Body}\r\n\r\nWhat the network brings to the centre\r\n\r\n{Body}\r\n";

        Assert.Equal("City council approves the new cycling network", Accept(eml, "release.eml").Title);
    }

    // Class 4: a headline that wraps over two lines, the second starting in lower case: the lines are one headline.
    [Theory]
    [InlineData("Example Corp reaches agreement with Partner Ltd", "to share fibre networks in Yorkshire")]
    [InlineData("Stadtwerke Beispiel schließen einen Vertrag mit der Netz AG", "über gemeinsame Leitungen in Brandenburg")]
    [InlineData("La région ouvre un nouveau centre", "de recherche marine à Brest")]
    public void Text_AHeadlineWrappedOverTwoLines_IsJoined(string first, string second)
    {
        var release = Accept($"Example News\n\n{first}\n{second}\n\n15 April 2021\n\n{Body}\n", "wrapped.txt");

        Assert.Equal($"{first} {second}", release.Title);
    }

    [Fact]
    public void Text_AHeadlineWithADeckInTitleCase_IsNotJoined()
    {
        var release = Accept($"Example News\n\nCity opens a new library\nMore Books And Longer Hours For Readers\n\n15 April 2021\n\n{Body}\n", "deck.txt");

        Assert.Equal("City opens a new library", release.Title);
    }

    [Theory]
    [InlineData("by Jane Doe")]
    [InlineData("von Anna Muster")]
    [InlineData("updated 3 hours ago")]
    public void Text_ABylineOrStampUnderTheHeadline_IsNotJoined(string line)
    {
        var release = Accept($"Example News\n\nCity opens a new library in the north\n{line}\n\n15 April 2021\n\n{Body}\n", "byline.txt");

        Assert.Equal("City opens a new library in the north", release.Title);
    }
}
