using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// The headline classes the corpus's fifth holdout failed on (issue 18; docs/release-formats.md): a mail client's forward
/// marker in other languages, a release's number, a republisher's bracketed source and date or the issuer's name repeated
/// before the headline, a press portal's or a site's section line above it, and decks under it. Each with variants of its own
/// that are not corpus files.
/// </summary>
public class FifthHoldoutHeadlineTests
{
    private const string Title = "New catalyst splits water at room temperature";
    private const string Body = "Researchers at the institute have shown that a new catalyst splits water at room temperature with far less energy than before, which could make hydrogen much cheaper.";

    // Class 1: a forward or reply marker a mail client puts before the subject, in the sender's language.
    [Theory]
    [InlineData("I: ")]      // Italian (inoltrato)
    [InlineData("R: ")]      // Italian reply
    [InlineData("RV: ")]     // Spanish (reenviado)
    [InlineData("ENC: ")]    // Portuguese (encaminhado)
    [InlineData("TR: ")]     // French (transféré)
    [InlineData("WG: AW: ")] // German, stacked
    [InlineData("Doorst: ")] // Dutch
    [InlineData("VL: ")]     // Finnish (välitetty)
    [InlineData("PD: ")]     // Polish (przekazane dalej)
    [InlineData("Fwd: ")]
    public void Email_AForwardMarkerInAnyLanguage_IsNotPartOfTheTitle(string marker)
    {
        var eml = $"From: Press Office <press@example.org>\r\nSubject: {marker}{Title}\r\nDate: Tue, 19 Jul 2022 08:47:12 +0200\r\n"
            + $"Content-Type: text/plain; charset=utf-8\r\n\r\n{Body}\r\n";

        Assert.Equal(Title, Accept(eml, "forward.eml").Title);
    }

    [Fact]
    public void Email_ASubjectThatOnlyStartsWithALetterAndColon_KeepsItsWords()
    {
        var eml = "From: Press Office <press@example.org>\r\nSubject: I:Robot exhibition opens at the science museum\r\nDate: Tue, 19 Jul 2022 08:47:12 +0200\r\n"
            + $"Content-Type: text/plain; charset=utf-8\r\n\r\n{Body}\r\n";

        Assert.Equal("I:Robot exhibition opens at the science museum", Accept(eml, "robot.eml").Title);
    }

    // Class 2: a release's own number before its headline.
    [Theory]
    [InlineData("N° 44–2015: ")]
    [InlineData("No. 12/2019 – ")]
    [InlineData("Nr. 7-2021: ")]
    [InlineData("Nº 103 | ")]
    public void Text_AReleaseNumberBeforeTheHeadline_IsNotPartOfTheTitle(string number)
    {
        var release = Accept($"{number}{Title}\n\n15 April 2021\n\n{Body}\n", "numbered.txt");

        Assert.Equal(Title, release.Title);
    }

    [Fact]
    public void Text_AHeadlineThatStartsWithACount_KeepsIt()
    {
        var release = Accept($"No. 1 in Europe: {Title}\n\n15 April 2021\n\n{Body}\n", "count.txt");

        Assert.Equal($"No. 1 in Europe: {Title}", release.Title);
    }

    // Class 3: a republisher's bracketed source and date before the headline.
    [Theory]
    [InlineData("[Bundesministerium - 25.07.2014] ")]
    [InlineData("[City Council, 3 March 2020] ")]
    [InlineData("[Ministère de la Culture | 4 novembre 2019] ")]
    public void Text_ABracketedSourceAndDate_IsNotPartOfTheTitle(string prefix)
    {
        var release = Accept($"{prefix}{Title}\n\n{Body}\n", "portal.txt");

        Assert.Equal(Title, release.Title);
    }

    [Fact]
    public void Text_ABracketedWordThatIsNoSourceOrDate_StaysInTheTitle()
    {
        var release = Accept($"[Updated] {Title}\n\n15 April 2021\n\n{Body}\n", "updated.txt");

        Assert.Equal($"[Updated] {Title}", release.Title);
    }

    // Class 4: the issuer's name a portal puts before a headline that starts with that name itself.
    [Theory]
    [InlineData("Example Holdings Incorporated", "Example Holdings Incorporated Reports Strong Third Quarter Results")]
    [InlineData("Beispiel AG", "Beispiel AG steigert Umsatz im dritten Quartal deutlich")]
    [InlineData("Société Exemple", "Société Exemple annonce un chiffre d'affaires en hausse")]
    public void Text_TheIssuersNameBeforeAHeadlineThatRepeatsIt_GoesAway(string issuer, string headline)
    {
        var release = Accept($"{issuer}: {headline}\n\n15 April 2021\n\n{Body}\n", "portal.txt");

        Assert.Equal(headline, release.Title);
    }

    [Fact]
    public void Text_AnIssuersNameBeforeAHeadlineThatDoesNotRepeatIt_Stays()
    {
        var title = "Example Property Solutions: approval of the annual accounts postponed to 30 April";
        var release = Accept($"{title}\n\n15 April 2021\n\n{Body}\n", "kept.txt");

        Assert.Equal(title, release.Title);
    }

    // Class 5: a press portal's name, or a site's name with its section ("Example University: News"), above the headline.
    [Theory]
    [InlineData("ANP Persportaal")]
    [InlineData("Presseportal")]
    [InlineData("Example University: News")]
    [InlineData("Newsroom | Example Institute of Technology")]
    [InlineData("Universität Beispiel – Pressemitteilungen")]
    public void Text_APortalOrASitesSectionLine_IsNotTheTitle(string line)
    {
        var release = Accept($"{line}\nHome\n\n{Title}\n\n{Body}\n", "portal.txt");

        Assert.Equal(Title, release.Title);
    }

    [Fact]
    public void Text_ASiteNameWithAColonThatIsAHeadline_StaysTheTitle()
    {
        var title = "Example University: New centre opens for climate research";
        var release = Accept($"{title}\n\n{Body}\n", "kept.txt");

        Assert.Equal(title, release.Title);
    }

    // Class 6: a sign-in link in the site's language, and a headline that ends with a company form's full stop, above the date line.
    [Theory]
    [InlineData("Inloggen", "Informatie memorandum van Voorbeeld Holding N.V.")]
    [InlineData("Anmelden", "Neuer Vorstand bei der Beispiel Holding S.E.")]
    [InlineData("Connexion", "Nouveau directeur général chez Exemple Industries Inc.")]
    public void Text_ASignInLinkAndAHeadlineEndingInACompanyForm_GiveTheHeadline(string signIn, string headline)
    {
        var release = Accept($"Press Portal\nHome\nSearch\n{signIn}\n\n{headline}\n\n25 JUL 2017 08:00 | Voorbeeld\n\n{Body}\n", "portal.txt");

        Assert.Equal(headline, release.Title);
        Assert.Equal(new DateOnly(2017, 7, 25), release.Date);
    }

    // Class 7: a headline with several decks (highlights) under it, above the date line.
    [Theory]
    [InlineData("HALF-YEAR RESULTS 2016: EXAMPLE CONTINUES ITS PROFITABLE GROWTH", "Strong organic sales growth: +2.9%", "Eighth consecutive half of operating income growth: +5.3%", "Adjusted net income up 0.6%")]
    [InlineData("Résultats annuels 2019 : une année de croissance rentable", "Chiffre d'affaires en hausse de 4,1 %", "Marge opérationnelle record à 12 %", "Dividende proposé en hausse de 10 %")]
    public void Text_AHeadlineWithSeveralDecks_IsTheFirstOfThem(string headline, string deck1, string deck2, string deck3)
    {
        var release = Accept($"Example Wire\nHome\nServices\n\n{headline}\n\n{deck1}\n\n{deck2}\n\n{deck3}\n\n27 July 2016 11:45 AM\n\n{Body}\n", "decks.txt");

        Assert.Equal(headline, release.Title);
    }

    // A feed's or a newsletter's sign-up link above the headline is a control, in the site's language.
    [Theory]
    [InlineData("Subscribe to https://example.org/news/feed feed")]
    [InlineData("RSS-Feed abonnieren")]
    [InlineData("Abonnez-vous à la lettre")]
    [InlineData("Suscríbete al boletín")]
    [InlineData("Iscriviti alla newsletter")]
    public void Text_AFeedSignUpLineAboveTheHeadline_IsChrome(string signUp)
    {
        var release = Accept($"Home\nNews\nEvents\n\n{signUp}\n\n{Title}\n\n15 April 2021 - 15:39\n\n{Body}\n\n{Body}\n", "feed.txt");

        Assert.Equal(Title, release.Title);
        Assert.Equal(new DateOnly(2021, 4, 15), release.Date);
    }

    // A listing's relative time stamp above the headline is no deck and no headline.
    [Theory]
    [InlineData("Updated: 1 hour 19 min ago")]
    [InlineData("Posted 3 days ago")]
    [InlineData("vor 2 Stunden")]
    [InlineData("il y a 3 jours")]
    [InlineData("hace 2 horas")]
    [InlineData("3 ore fa")]
    public void Text_ARelativeTimeStampAboveTheHeadline_IsChrome(string stamp)
    {
        var release = Accept($"Home\nNews\nEvents\n\n{stamp}\n\n{Title}\n\n15 April 2021 - 15:39\n\n{Body}\n\n{Body}\n", "stamp.txt");

        Assert.Equal(Title, release.Title);
    }
}
