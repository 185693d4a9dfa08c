using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// A headline with its own separator (issue 18; docs/release-formats.md): the part after " - ", " – " or " | " is cut only when
/// it reads as a name (the site's or the issuer's), never when it goes on with the headline's statement, however many names it
/// holds ("... - 150 Forscher setzen die Chemie der Universität Beispiel an die Spitze"). Each with variants of its own that are
/// not corpus files.
/// </summary>
public class SeventhHoldoutTitleSeparatorTests
{
    private const string Body = "Researchers at the institute have shown that a new catalyst splits water at room temperature with far less energy than before, which could make hydrogen much cheaper.";

    // Class 1: the part after the separator is the headline's second half: a verb or a phrase in lower case, or an exclamation.
    [Theory]
    [InlineData("Vom Reagenzglas bis zur Klinik - Forschungsideen aus den Hochschulen im Parlament")]
    [InlineData("Plant a Tree, Grow a Forest - Example Foundation® Annual Tree Drive is back TODAY!")]
    [InlineData("\"Where the best research happens\" - 150 scientists rank the Example University's chemistry first")]
    [InlineData("\"Wo die beste Forschung stattfindet\" - 150 Forscher setzen die Chemie der Universität Beispiel an die Spitze")]
    [InlineData("Du laboratoire à l'hôpital – les chercheurs de la région sont reçus au Parlement")]
    [InlineData("Example Foundation turns 50 | Stiftung Beispiel feiert mit der Stadt")]
    public void Html_AHeadlineThatGoesOnAfterItsSeparator_IsKeptWhole(string headline)
    {
        var html = $"<html><body><h1>{headline}</h1><p>{Body}</p></body></html>";

        Assert.Equal(headline, Accept(html, "separator.html").Title);
    }

    [Theory]
    [InlineData("Vom Reagenzglas bis zur Klinik - Forschungsideen aus den Hochschulen im Parlament")]
    [InlineData("Plant a Tree, Grow a Forest - Example Foundation® Annual Tree Drive is back TODAY!")]
    public void Email_ASubjectThatGoesOnAfterItsSeparator_IsKeptWhole(string subject)
    {
        var mail = $"From: Example Wire <desk@example.org>\r\nTo: news@example.org\r\nSubject: {subject}\r\nDate: Mon, 16 Sep 2019 06:00:12 -0400\r\n"
            + $"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{subject}\r\n\r\n{Body}\r\n";

        Assert.Equal(subject, Accept(mail, "separator.eml").Title);
    }

    // The site's or issuer's name after the separator still goes, whatever its words in lower case that join a name.
    [Theory]
    [InlineData("New catalyst splits water - University of Example")]
    [InlineData("New catalyst splits water – Universität für Bodenkultur Beispiel – UBB")]
    [InlineData("New catalyst splits water | Institut de recherche de la Ville de Beispiel")]
    public void Html_ANameAfterTheSeparator_IsCut(string heading)
    {
        var html = $"<html><body><h1>{heading}</h1><p>{Body}</p></body></html>";

        Assert.Equal("New catalyst splits water", Accept(html, "named.html").Title);
    }
}
