using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// The second part of the class the seventh holdout returned no organisation for (issue 18; docs/release-formats.md): the
/// text never names its issuer, but the page does, where a reader glances first: the section's heading above the headline that
/// says whose releases these are, the logo's description, the copyright line. A logo's or a holder's name counts only where the
/// text names it too, so a republisher's logo or a photographer's credit is never taken.
/// </summary>
public class SeventhHoldoutPageNameTests
{
    // A section's heading above the headline that says whose releases they are, in a Markdown page or a copied text.
    [Theory]
    [InlineData("## Pressemitteilungen der Gemeinde Beispielbach\n\n### Neuer Spielplatz im Ortskern\n\n12. Juni 2019\n\nDer Bau eines neuen Spielplatzes im Ortskern beginnt im Herbst, teilte die Verwaltung heute mit.\n",
        "page.md", "Gemeinde Beispielbach")]
    [InlineData("## Comunicati stampa del Comune di Esempiolo\n\n### Nuovo parco nel quartiere nord\n\n12 giugno 2019\n\nLa giunta ha approvato oggi il progetto del nuovo parco nel quartiere nord della città.\n",
        "page.md", "Comune di Esempiolo")]
    [InlineData("News releases from the Kelvar Veterans Brotherhood\n\nVeterans open a new hall in the valley\n\n12 June 2019\n\nThe new hall opened its doors to the public this morning, with a lunch for the whole village.\n",
        "page.txt", "Kelvar Veterans Brotherhood")]
    public void Page_ASectionHeadingAboveTheHeadlineSayingWhoseReleases_NamesTheIssuer(string content, string fileName, string expected)
    {
        Assert.Equal(expected, Accept(content, fileName).Organisation);
    }

    // The logo's description, when the text names the same body.
    [Theory]
    [InlineData("logo Helse Nordvik", "Rapporten ble overlevert av fagdirektør i Helse Nordvik, Kari Nordmann, på et seminar i går.", "Helse Nordvik")]
    [InlineData("Aguas Claras logotipo", "La planta nueva abre en mayo, según informó hoy Aguas Claras a los vecinos del barrio.", "Aguas Claras")]
    public void Html_ALogoTheTextNames_NamesTheIssuer(string alt, string body, string expected)
    {
        var html = $"<html><body><header><a href=\"/\"><img src=\"/l.svg\" alt=\"{alt}\"></a></header><article><h1>Ny rapport om forskningen i 2022</h1><p>{body}</p></article></body></html>";

        Assert.Equal(expected, Accept(html, "logo.html").Organisation);
    }

    // A logo the text never names (a republisher's portal) is no issuer.
    [Fact]
    public void Html_ALogoTheTextDoesNotName_IsNoIssuer()
    {
        var html = "<html><body><header><img src=\"/l.svg\" alt=\"Logo Beispielportal\"></header><article><h1>Neuer Spielplatz im Ortskern</h1><p>Der Gemeinderat hat heute den Bau eines neuen Spielplatzes beschlossen.</p></article></body></html>";

        Assert.NotEqual("Beispielportal", Accept(html, "portal.html").Organisation);
    }

    // A copyright holder the text names, one word or with its legal form; a person's credit is none.
    [Theory]
    [InlineData("© 2024 Nordkraft", "Strømmen kommer tilbake i kveld, opplyser Nordkraft til kundene sine i området.", "Nordkraft")]
    [InlineData("Copyright © Muzeum Nordyckie", "Wystawa wraca do sal w piątek, informuje Muzeum Nordyckie zwiedzających.", "Muzeum Nordyckie")]
    public void Html_ACopyrightHolderTheTextNames_IsTheIssuer(string footer, string body, string expected)
    {
        var html = $"<html><body><article><h1>Strømmen tilbake i kveld</h1><p>{body}</p></article><footer><p>{footer}</p></footer></body></html>";

        Assert.Equal(expected, Accept(html, "footer.html").Organisation);
    }

    [Fact]
    public void Html_APersonsCopyright_IsNoIssuer()
    {
        var html = "<html><body><article><h1>Strømmen tilbake i kveld</h1><p>Strømmen kommer tilbake i kveld, sier Kari Nordmann til kundene i området.</p></article><footer><p>© 2024 Kari Nordmann</p></footer></body></html>";

        Assert.NotEqual("Kari Nordmann", Accept(html, "person.html").Organisation);
    }
}
