using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// A plain-text headline wrapped over two lines the sixth holdout's rule (a second line in lower case) did not join (issue 18;
/// docs/release-formats.md): a quoted title under the colon that announces it. A deck under the headline stays apart. Each
/// with variants of its own that are not corpus files.
/// </summary>
public class SeventhHoldoutWrapTests
{
    private const string Body = "The company and the regional government have signed a memorandum of understanding on a plant that is to employ some three thousand people once its first phase is built.";

    [Theory]
    [InlineData("Stichting Beispiel presenteert Jaarverslag 2019:", "'Een jaar van groei en verandering'")]
    [InlineData("Example Trust publishes its Annual Review 2019:", "\"A Year of Growth and Change\"")]
    [InlineData("Fondation Exemple présente son rapport annuel 2019 :", "« Une année de croissance »")]
    public void Text_AQuotedTitleUnderTheHeadlinesColon_IsJoined(string first, string second)
    {
        var release = Accept($"Ingezonden persbericht\n\n\n{first}\n{second}\n\nDen Haag, 30 mei 2020\n\n{Body}\n\n{Body}\n", "quoted.txt");

        Assert.Equal($"{first} {second}", release.Title);
    }

    [Theory]
    [InlineData("Example Motors to build battery plant in Portugal", "For the first time the company will make cells in Europe")]
    [InlineData("EXAMPLE MOTORS TO BUILD BATTERY PLANT", "Investment brings 3,000 jobs to the region")]
    public void Text_ADeckUnderTheHeadline_IsNotJoined(string first, string second)
    {
        var release = Accept($"{first}\n{second}\n\nPorto, Portugal – January 06, 2024, {Body}\n\n{Body}\n", "deck.txt");

        Assert.Equal(first, release.Title);
    }
}
