using System.Text;
using Newsletter.Core.Releases;
using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

using static Newsletter.Core.Tests.Releases.HostileText;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// The issuer classes the corpus's sixth holdout failed on (issue 18; docs/release-formats.md): the page's own signals
/// (a line saying whose release it is, the copyright holder) weighed against the names the text merely mentions (partners,
/// hosts, subjects). Each with variants in other words, languages and shapes.
/// </summary>
public class SixthHoldoutIssuerTests
{
    private const string Title = "New catalyst splits water at room temperature";
    private const string Body = "Researchers have shown that a new catalyst splits water at room temperature with far less energy than before, which could make hydrogen much cheaper.";

    // A line naming the kind of release and whose it is ("Artikel från X", "Medienmitteilungen der X", "Press release from X")
    // says who issued it, above any name the text goes on to mention.
    [Theory]
    [InlineData("Artikel från Exempeldepartementet", "Exempeldepartementet")]
    [InlineData("Medienmitteilungen der Stadt Beispielhausen", "Stadt Beispielhausen")]
    [InlineData("Communiqué de presse de la Région Exemple", "Région Exemple")]
    [InlineData("Press release from the Example Water Board", "Example Water Board")]
    [InlineData("Comunicato stampa della Provincia di Esempio", "Provincia di Esempio")]
    [InlineData("Persbericht van het Waterschap Voorbeeld", "Waterschap Voorbeeld")]
    [InlineData("Comunicado de Imprensa da FEXA sobre atribuição de bolsas", "FEXA")]
    public void Markdown_ALineSayingWhoseReleaseItIs_NamesTheIssuer(string line, string expected)
    {
        var markdown = $"{line}\n\n# {Title}\n\n{Body} The Example Partner Foundation helped. {Body}\n\n{Body} The Example Partner Foundation paid for it.\n";

        Assert.Equal(expected, Accept(markdown, "whose.md").Organisation);
    }

    // The title itself may open with it: "Mededeling van het Kabinet van de Gouverneur: ...", "Statement from X: ...".
    [Theory]
    [InlineData("Mededeling van het Kabinet van de Gouverneur: nieuwe regels voor de haven", "Kabinet van de Gouverneur")]
    [InlineData("Statement from the Example Harbour Authority: new rules for the port", "Example Harbour Authority")]
    [InlineData("Pressemitteilung der Beispielstadt Nord: neue Regeln für den Hafen", "Beispielstadt Nord")]
    public void Html_ATitleSayingWhoseStatementItIs_NamesTheIssuer(string title, string expected)
    {
        var html = $"<html><head><title>{title} - Nieuwsportaal</title></head><body><h1>{title}</h1><p>{Body}</p><p>{Body}</p></body></html>";

        Assert.Equal(expected, Accept(html, "statement.html").Organisation);
    }

    // A person's statement is no organisation's line: "Statement from the President" names no issuer.
    [Fact]
    public void Markdown_AStatementFromAPersonsOffice_IsNoIssuer()
    {
        var markdown = $"Statement from the President\n\n# {Title}\n\n{Body} The Example Harbour Authority said so. {Body}\n\n{Body} The Example Harbour Authority agrees.\n";

        Assert.NotEqual("President", Accept(markdown, "person.md").Organisation);
    }

    // The copyright holder in the page's footer is its owner: it wins over partners and hosts the text merely mentions.
    [Theory]
    [InlineData("© 2006 - 2024 Example Health Park · Legal notice | Privacy | Cookies", "Example Health Park")]
    [InlineData("Copyright © 2021 Fondazione Esempio. Tutti i diritti riservati.", "Fondazione Esempio")]
    [InlineData("© Instituto Ejemplo de Salud (IES)", "Instituto Ejemplo de Salud")]
    [InlineData("(c) 2018 Beispielwerke Nord AG – Alle Rechte vorbehalten", "Beispielwerke Nord AG")]
    public void Markdown_TheCopyrightHolder_WinsOverANameTheTextMentions(string footer, string expected)
    {
        var markdown = $"# {Title}\n\n{Body} The Fundació Partner Exemple will run it. {Body}\n\n{Body} The Fundació Partner Exemple was founded for it.\n\n{footer}\n";

        Assert.Equal(expected, Accept(markdown, "copyright.md").Organisation);
    }

    // A republisher's copyright loses to the issuer that the title and the body both name.
    [Fact]
    public void Text_ARepublishersCopyright_LosesToTheIssuerTheTitleAndBodyName()
    {
        var text = $"Acme Network buys Example Wire\n\nAcme Network has agreed to buy Example Wire. {Body}\n\n{Body} Acme Network said the deal closes in May.\n\n© Example News Blog\n";

        Assert.Equal("Acme Network", Accept(text, "republished.txt").Organisation);
    }

    // A copyright holder that the page's domain spells wins over a compound of the domain's word the text uses
    // ("UExample-onderzoekers" on uexample.be, "© Universiteit Example").
    [Fact]
    public void Html_ACopyrightHolderTheDomainSpells_WinsOverACompound()
    {
        var html = "<html><head><link rel=\"canonical\" href=\"https://www.uexample.be/nl/nieuws/beurzen\"></head><body>"
            + $"<h1>{Title}</h1><p>Zes jonge UExample-onderzoekers ontvangen een beurs. {Body}</p><p>{Body}</p>"
            + "<footer><ul><li><a href=\"/privacy\">Privacy</a></li></ul><p>&copy; Universiteit Example</p></footer></body></html>";

        Assert.Equal("Universiteit Example", Accept(html, "domain.html").Organisation);
    }

    // A page's footer is furniture, but the copyright line in it names the page's owner ("© Government Example Service (GES)").
    [Theory]
    [InlineData("<footer><p>Example House, 1 Main Street</p><p>© Government Example Information Service (GEIS)</p></footer>", "Government Example Information Service")]
    [InlineData("<div id=\"footer\"><small>Copyright © 2015 Agence Exemple de l'Eau. Tous droits réservés.</small></div>", "Agence Exemple de l'Eau")]
    public void Html_TheFootersCopyrightHolder_WinsOverAHeadingTheBodyMentions(string footer, string expected)
    {
        var html = $"<html><head><title>{Title}</title></head><body><h1>{Title}</h1><p>{Body}</p><p><strong>Implementation of Example Programmes</strong></p>"
            + $"<p>{Body} The Implementation of Example Programmes was discussed.</p>{footer}</body></html>";

        Assert.Equal(expected, Accept(html, "footer.html").Organisation);
    }

    // A title that opens with a name the body goes on to repeat has that organisation as its subject ("Acme Network buys
    // Example Wire"): it wins over a short form the text defines for the company bought, the partner or the subject.
    [Theory]
    [InlineData("Acme Network buys Example Wire", "Acme Network has agreed to buy the Example Wire Agency (EXW). EXW has 300 staff, and EXW will keep its name.", "Acme Network said the deal closes in May.", "Acme Network")]
    [InlineData("Voorbeeld Network neemt het Algemeen Voorbeeldbureau over", "Voorbeeld Network neemt het Algemeen Voorbeeldbureau (AVB) over. Het AVB blijft bestaan en het AVB houdt zijn naam.", "Voorbeeld Network meldt dat de koop in mei rond is.", "Voorbeeld Network")]
    public void Text_TheTitlesSubject_WinsOverAShortFormTheTextDefines(string title, string first, string second, string expected)
    {
        var text = $"{title}\n\n{first} {Body}\n\n{Body} {second}\n";

        Assert.Equal(expected, Accept(text, "subject.txt").Organisation);
    }

    // "EXA press release: ...", "Exampleshire County Council news release: ...": a title naming whose release it is before the kind.
    [Theory]
    [InlineData("EXA press release: whistleblower cases, Example Joint Council", "EXA")]
    [InlineData("Exampleshire County Council news release: road closures", "Exampleshire County Council")]
    public void Email_ATitleNamingWhoseReleaseBeforeItsKind_NamesTheIssuer(string subject, string expected)
    {
        var eml = $"From: reader@physics.example.edu\r\nSubject: {subject}\r\nDate: Mon, 08 Dec 2025 10:00:00 +0100\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
            + $"{Body} The Example Joint Council met twice.\r\n\r\n{Body} The Example Joint Council agreed.\r\n";

        Assert.Equal(expected, Accept(eml, "kind.eml").Organisation);
    }

    public static TheoryData<string, string> HostileInputs() => new()
    {
        { "a.md", "Press release from the " + Repeat("Aaa van de Bbb ", 20_000) + $"\n\n# {Title}\n\n{Body}\n" },
        { "b.md", $"# {Title}\n\n{Body}\n\n" + Repeat("© 2001 - 2024 Aaa Bbb Ccc ", 20_000) + "\n" },
        { "c.html", $"<html><body><h1>{Title}</h1><p>{Body}</p><footer>" + Repeat("<p>Copyright © Aaa Bbb Ccc Ddd</p><div>", 5_000) + "</footer></body></html>" },
    };

    // The patterns for these classes on large hostile input: each parse runs under a generous budget of its own, so a pattern
    // that backtracked would end as parse-timeout and fail, not hang the run.
    [Theory]
    [MemberData(nameof(HostileInputs))]
    public void LargeHostileInput_IsReadWithinItsBudget(string fileName, string content)
    {
        var result = ParseWithinBudget(content, fileName);

        Assert.NotEqual(RejectionCodes.ParseTimeout, result.Rejection?.Code);
    }
}
