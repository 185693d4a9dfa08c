using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// A label that announces a release is no part of its headline (issue 18; docs/release-formats.md): the sender's name before a
/// release's label ("ONTARIO NEWS RELEASE: ..."), and a sender's "X informs" line with the day's date ("X TIEDOTTAA 2.9.2010")
/// standing where the headline would. Each with variants of its own that are not corpus files.
/// </summary>
public class SeventhHoldoutLabelTests
{
    private const string Body = "The council said on Monday that the plan had been approved by a large majority and that the work would start in the spring, with the first results due before the end of the year.";

    private static string Page(string h1) =>
        $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><article><h1>{h1}</h1><p>May 4, 2021</p><p>{Body}</p><p>{Body}</p></article></body></html>";

    [Theory]
    [InlineData("ONTARIO NEWS RELEASE: Province Welcomes New Investment in the Life Sciences Sector", "Province Welcomes New Investment in the Life Sciences Sector")]
    [InlineData("City of Example Press Release: Council approves a new budget for the parks", "Council approves a new budget for the parks")]
    [InlineData("STADT BEISPIEL PRESSEMITTEILUNG – Stadtrat beschließt den neuen Haushalt", "Stadtrat beschließt den neuen Haushalt")]
    [InlineData("Ville d'Exemple communiqué de presse : Le conseil adopte un nouveau budget", "Le conseil adopte un nouveau budget")]
    public void Html_ASendersNameAndAReleaseLabelBeforeTheHeadline_AreNoPartOfIt(string h1, string headline)
    {
        var release = Accept(Page(h1), "named-label.html");

        Assert.Equal(headline, release.Title);
    }

    // A headline that speaks of a press release is kept whole: the label must stand before a separator, after a name alone.
    [Theory]
    [InlineData("Council votes against the press release: what happened next")]
    [InlineData("Example Corp Announces Results in Press Release Today")]
    public void Html_AHeadlineThatOnlyMentionsAPressRelease_IsKeptWhole(string h1)
    {
        var release = Accept(Page(h1), "mention.html");

        Assert.Equal(h1, release.Title);
    }

    private static string Mail(string subject, string text) =>
        $"From: Press Desk <desk@example.org>\r\nTo: media@example.org\r\nSubject: {subject}\r\nDate: Thu, 02 Sep 2010 14:05:00 +0300\r\n"
        + $"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{text}";

    [Theory]
    [InlineData("TAMPEREEN YLIOPISTO TIEDOTTAA 2.9.2010")]
    [InlineData("EXAMPLE UNIVERSITY INFORMS 2 September 2010")]
    [InlineData("Università di Esempio informa")]
    [InlineData("Stadt Beispiel teilt mit:")]
    public void Email_ASendersInformsLine_GivesWayToTheBodysHeadline(string subject)
    {
        const string headline = "Example University makes its work with society its first goal";
        var text = $"Press release -\r\n\r\n{subject}\r\n\r\n{headline}\r\n\r\n{Body}\r\n\r\n{Body}\r\n";

        var release = Accept(Mail(subject, text), "informs.eml");

        Assert.Equal(headline, release.Title);
    }

    // What a sender informs of is news: "... informs students of new fees" is a headline.
    [Theory]
    [InlineData("Example University informs students of new tuition fees")]
    [InlineData("Stadt Beispiel teilt mit, dass die Brücke gesperrt wird")]
    public void Email_AnInformsLineThatSaysWhat_IsTheHeadline(string subject)
    {
        var release = Accept(Mail(subject, $"{Body}\r\n\r\n{Body}\r\n"), "informs-what.eml");

        Assert.Equal(subject, release.Title);
    }
}
