using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// A headline wrapped over two lines in a plain text (issue 18; docs/release-formats.md): the second half right above the
/// wire's dateline is the headline's, not a menu's entry over a headline under the date; a second half that opens with a
/// preposition in capitals ("IN TAMIL NADU, INDIA") goes on with the first. Each with variants of its own that are not corpus files.
/// </summary>
public class RoundSevenWrapTests
{
    [Theory]
    [InlineData("EXAMPLAR(r) (examplumab) Receives Positive Opinion in the European Union", "for Previously Treated Metastatic Cancer",
        "Paris, France and Springfield, NY - November 16, 2012 - Example SA (EURONEXT: EXA and", "NYSE: EXA) and Partner Pharmaceuticals, Inc. (NASDAQ: PRT) announced today")]
    [InlineData("EXAMPLAR(r) erhält eine positive Empfehlung in der Europäischen Union", "für vorbehandelte Patienten mit Darmkrebs",
        "Berlin und Springfield, NY - 16. November 2012 - Beispiel AG (FWB: BSP und", "NYSE: BSP) und Partner Pharmaceuticals, Inc. (NASDAQ: PRT) gaben heute bekannt")]
    public void Text_TheSecondHalfOfAWrappedHeadlineAboveTheDateline_IsTheHeadlinesNotAMenusEntry(string first, string second, string dateline, string afterDateline)
    {
        var text = $"{first} {second[..12]}\n\nPR Newswire/Example Wire/\nPRESS RELEASE\n {first}\n        {second}\n{dateline}\n{afterDateline}\n"
            + "that the committee of the agency has issued a positive opinion recommending marketing authorization for the\n"
            + "medicine, given together with chemotherapy, in adults whose disease has progressed after an earlier regimen.\n"
            + "The opinion must now be ratified by the Commission before the authorization can be granted in all member states.\n";

        var release = Accept(text, "wire.txt");

        Assert.Equal($"{first} {second}", release.Title);
        Assert.Equal(new DateOnly(2012, 11, 16), release.Date);
    }

    [Theory]
    [InlineData("EXAMPLE MOTORS TO BUILD Integrated Electric Vehicle Facility", "IN NORTHERN SPAIN, EUROPE", "Valencia, Spain – January 06, 2024, Example Motors")]
    [InlineData("Beispiel AG baut ein neues Werk für Batterien", "IN SACHSEN", "Dresden, 6. Januar 2024 – Die Beispiel AG")]
    [InlineData("Exemple SA ouvre une nouvelle usine de batteries", "à Lyon et à Grenoble", "Lyon, le 6 janvier 2024 – Exemple SA")]
    public void Text_ASecondLineThatOpensWithAPreposition_GoesOnWithTheHeadline(string first, string second, string dateline)
    {
        var text = $"Exhibit 99.1\nPRESS RELEASE\n{first}\n{second}\n{dateline} has announced a landmark partnership with the regional government, "
            + "set out in a memorandum signed on Saturday, to build a plant that will create some three thousand local jobs.\n"
            + "The plant is expected to start production in the second half of next year and to reach its full capacity within three years.\n";

        var release = Accept(text, "prep.txt");

        Assert.Equal($"{first} {second}", release.Title);
    }

    // A deck under the headline that opens with an article or a name is its own line: the headline is the first alone.
    [Theory]
    [InlineData("Example Motors to build an electric vehicle facility", "A new era for the region's industry")]
    [InlineData("Example Motors to build an electric vehicle facility", "Investment brings 3,000 jobs to the region")]
    public void Text_ADeckThatDoesNotOpenWithAPreposition_StaysApart(string first, string deck)
    {
        var text = $"{first}\n{deck}\nValencia, Spain – January 06, 2024, Example Motors has announced a landmark partnership with the regional government, "
            + "set out in a memorandum signed on Saturday, to build a plant that will create some three thousand local jobs.\n";

        var release = Accept(text, "deck.txt");

        Assert.Equal(first, release.Title);
    }
}
