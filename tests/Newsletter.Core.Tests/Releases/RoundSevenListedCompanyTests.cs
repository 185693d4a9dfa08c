using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// A listed company's release that reports a public authority's decision about it (issue 18; docs/release-formats.md): the
/// dateline sentence's subject is the regulator ("The U.S. Food and Drug Administration today granted ... to X (NYSE: DGX)"),
/// but the company that names its own listing is the issuer, as a regulator has none. A listing given for two exchanges at
/// once ("(EURONEXT: SAN and NYSE: SNY)") is one ticker. A company that announces today stays the issuer over a listed company
/// it buys or partners.
/// </summary>
public class RoundSevenListedCompanyTests
{
    private const string Body = "The decision follows a review of trial data from more than two thousand patients in eleven countries.";

    // The regulator acts, the listed company tells: in other words, languages and kinds of authority, each named again.
    [Theory]
    [InlineData("WASHINGTON, May 3 /PRNewswire/ -- The U.S. Example Drug Administration (EDA) today granted an emergency authorization to Clarivet Labs, the testing business of Examplix Biotech Inc. (NASDAQ: EXBX), for its new test.", "The EDA reviewed the data.", "Examplix Biotech Inc")]
    [InlineData("BRUSSELS, 4 June 2021 -- The European Examplery Commission today cleared the purchase of Fjordline by Nordvik Holdings ASA (Oslo: NVK), after a review of the market.", "The European Examplery Commission found no harm.", "Nordvik Holdings ASA")]
    [InlineData("Frankfurt - Die Bundesagentur für Beispielsicherheit hat heute die Zulassung für ein neues Mittel von Beispiel Pharma AG (XETRA: BPA) erteilt.", "Die Bundesagentur für Beispielsicherheit prüfte zwei Jahre.", "Beispiel Pharma AG")]
    [InlineData("MADRID, 5 de mayo -- La Comisión Nacional de Ejemplos ha aprobado hoy la oferta de Grupo Ejemplar SA (Madrid: GEJ) sobre la sociedad.", "La Comisión Nacional de Ejemplos estudió la oferta.", "Grupo Ejemplar SA")]
    public void Text_ARegulatorsDecisionReportedByAListedCompany_IsTheCompanys(string opening, string again, string expected)
    {
        var text = $"Authorization granted for a new test\n\n{opening} {Body}\n\n{again} {Body}\n\n{Body}\n";

        Assert.Equal(expected, Accept(text, "listed.txt").Organisation);
    }

    // A ticker's bracket that gives two listings ("EURONEXT: SAN and NYSE: SNY", "TSX: EXM; NYSE: EXM") names the company before
    // it, which opens the joint announcement.
    [Theory]
    [InlineData("(EURONEXT: EXA and NYSE: EXY)")]
    [InlineData("(TSX: EXA; NYSE: EXY)")]
    [InlineData("(Euronext Paris: EXA, NYSE: EXY)")]
    public void Text_ATickerForTwoExchanges_NamesTheCompanyThatOpensAJointRelease(string ticker)
    {
        var text = "New treatment recommended for approval\n\n"
            + $"Paris, France and Tarrytown, NY - November 16, 2012 - Exemplia {ticker} and Beispiel Labs, Inc. (NASDAQ: BLAB) announced today that the Example Committee of the European Examples Agency has issued a positive opinion. {Body}\n\n"
            + $"\"We welcome the opinion,\" said Jane Roe, Head, Exemplia Oncology. {Body}\n";

        Assert.Equal("Exemplia", Accept(text, "joint.txt").Organisation);
    }

    // A company that announces today is the issuer, whatever listed company it buys or partners.
    [Fact]
    public void Text_ACompanyAnnouncingToday_StaysTheIssuer_OverTheListedCompanyItBuys()
    {
        var text = "Acme Robotics to buy Beta Motors\n\n"
            + $"BOSTON, May 3 /PRNewswire/ -- Acme Robotics Corporation today announced that it will acquire Beta Motors Inc. (NYSE: BMI) for $2 billion. {Body}\n\n"
            + $"Acme Robotics Corporation expects the deal to close in the autumn. {Body}\n";

        Assert.Equal("Acme Robotics Corporation", Accept(text, "buyer.txt").Organisation);
    }
}
