using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// Which line of a copied page is the headline (issue 18; docs/release-formats.md): the one the page repeats right under its
/// date line, past chrome above it that reads as headlines; never a republisher's credit of the issuer with its place in
/// brackets ("African Development Bank (Abidjan)"). Each with variants of its own that are not corpus files.
/// </summary>
public class RoundSevenHeadlineTests
{
    private const string Body = "Thank you very much for coming to today's press conference. We have invited you to bring you up to date on the state of the service in the past year and the outlook for the next.";

    [Theory]
    [InlineData("Example Wildlife Service statement on the status of conservation", "Date Published: 16 Jan, 2013")]
    [InlineData("Erklärung des Beispieldienstes zum Stand des Naturschutzes", "Veröffentlicht am: 16. Januar 2013")]
    [InlineData("Déclaration du Service Exemple sur l'état de la conservation", "Publié le : 16 janvier 2013")]
    public void Text_TheHeadlineRepeatedUnderItsDateLine_IsTheTitlePastChromeThatReadsAsHeadlines(string headline, string dateLine)
    {
        var text = "News Articles\nParks and reserves managed by the service\n\nSelect a park or reserve to view a list of hotels, lodges and camps it runs\n\n"
            + $"Welcome to the Example Wildlife Service\n\n{headline}\n\n{dateLine}\n{headline}\n\n{Body}\n\n{Body}\n";

        var release = Accept(text, "repeated.txt");

        Assert.Equal(headline, release.Title);
    }

    [Theory]
    [InlineData("African Development Bank (Abidjan)", "Bank Approves a Total of U.S. $406 Million in Loans and Grants to Four Countries")]
    [InlineData("Asian Development Bank (Manila)", "Bank Approves New Loans for Roads and Schools in Three Countries")]
    [InlineData("Caribbean Development Agency (Bridgetown)", "Agency Opens Its Call for Regional Water Projects")]
    [InlineData("Ministry of Health (Nairobi)", "Ministry Launches Nationwide Vaccination Campaign Against Measles")]
    public void Text_AnIssuersNameWithItsPlaceAboveTheHeadline_IsARepublishersCreditNotTheHeadline(string credit, string headline)
    {
        var text = $"18 December 2007\nContent from our Premium Partner\n\n{credit}\n\n{headline}\n\npress release\n\n"
            + "On Monday the board approved loans and grants worth a total of USD 406 million for development projects and programmes in four of its member countries, in energy, farming and roads.\n\n"
            + "The board approved a loan of USD 223 million for a power station project whose first loan had been approved in March 2005.\n";

        var release = Accept(text, "credit.txt");

        Assert.Equal(headline, release.Title);
    }
}
