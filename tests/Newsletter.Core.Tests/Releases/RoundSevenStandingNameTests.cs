using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// The issuer's name standing alone at the head or the foot of a release's text, as a letterhead in the text itself (issue 18;
/// docs/release-formats.md): "Gemeente X" over "PERSBERICHT", "X, street 5, 1000 Town" under the release, "X - State University
/// of Y" over the headline's page. Such a line is the sender's own when something else agrees (the kind of release under it,
/// its postal address, the text naming it or its leading word again), and then it wins over the partners, parties, schools
/// and subjects the sentences merely mention, however often. A name alone with nothing to agree is a masthead's, and loses.
/// </summary>
public class RoundSevenStandingNameTests
{
    private const string Body = "The meeting agreed on the plan for the coming four years, and the new team takes office next week.";

    // The name over the kind of release: "Gemeente X" over "PERSBERICHT", in other languages and kinds of body.
    [Theory]
    [InlineData("Gemeente Voorbeeldstad", "PERSBERICHT", "De raad benoemt de wethouders van de Voorbeeldpartij (VbP). De VbP levert twee wethouders en de VbP voorzitter spreekt.")]
    [InlineData("Stiftung Beispielwald", "Medienmitteilung", "Der Stiftungsrat wählt die Mitglieder der Beispielpartei (BsP). Die BsP stellt zwei Mitglieder, die BsP-Fraktion spricht.")]
    [InlineData("Comune di Esempio", "Comunicato stampa", "Il consiglio nomina gli assessori del Partito Esempio (PdE). Il PdE ottiene due assessori e il PdE interviene.")]
    [InlineData("Exampleshire County Council", "News release", "The council appointed the members put forward by the Example Party (EXP). The EXP takes two seats and the EXP leader spoke.")]
    public void Text_ANameOverTheKindOfRelease_IsTheIssuer_OverAPartyTheTextDefines(string name, string kind, string parties)
    {
        var text = $"# New executive appointed\n\n{name}\n\n{kind}\n\n{parties} {Body}\n\n{Body}\n";

        Assert.Equal(name, Accept(text, "appointed.md").Organisation);
    }

    // The name at the foot with its postal address, in the ways a page's footer writes it: the sender's own, where the body
    // only mentions a forest, a chain and a protest.
    [Theory]
    [InlineData("Examplepeace Norway, Storgata 5, 0155 Oslo", "Examplepeace Norway")]
    [InlineData("Université Exemple de Lyon Avenue des Frères Lumière 12 - 69008 Lyon", "Université Exemple de Lyon")]
    [InlineData("Fundación Ejemplo – Calle Mayor 3 – 28013 Madrid", "Fundación Ejemplo")]
    public void Text_ANameWithItsAddressAtTheFoot_IsTheIssuer(string footer, string expected)
    {
        var text = "Protesters dressed as trees visit burger bars\n\n"
            + "Activists visited the restaurants of the Burger Barn Company this morning, after a report linked the Burger Barn Company to the loss of the Amazon forest. "
            + "The Amazon has lost a great deal of its forest to soya farms, and the Burger Barn Company buys chicken fed on that soya.\n\n"
            + $"{Body}\n\n« Previous · Next »\n\n{footer}\n";

        Assert.Equal(expected, Accept(text, "protest.txt").Organisation);
    }

    // A page's head that names the issuer before a dash and its longer description ("X - State University of Y"), which the
    // text names again, wins over the school it welcomes that the text names far more often.
    [Theory]
    [InlineData("University at Exampleton - State University of Example", "University at Exampleton", "University at Exampleton East Campus")]
    [InlineData("Hochschule Beispieltal | Hochschule für angewandte Wissenschaften", "Hochschule Beispieltal", "Campus der Hochschule Beispieltal")]
    public void Text_ANameAtTheHeadTheTextNamesAgain_WinsOverTheSchoolItWelcomes(string head, string expected, string again)
    {
        var text = "East Campus welcomes a high school\n\n"
            + $"{head}\n\n"
            + $"Exampleton - Ridge Valley High School is moving to the {again} for the autumn semester. Ridge Valley High School will use the new rooms.\n\n"
            + "Founded in 2007, Ridge Valley High School teaches science and technology. Ridge Valley High School serves 77 students.\n";

        Assert.Equal(expected, Accept(text, "campus.txt").Organisation);
    }

    // A sender's line at the head (a person, the press unit, the organisation the unit belongs to) names the issuer, over a
    // survey firm and a magazine the text names more often.
    [Theory]
    [InlineData("Dr. Anna Beispiel Kommunikation und Marketing Universität Beispielstadt", "Universität Beispielstadt")]
    [InlineData("John Example Press Office Example State University", "Example State University")]
    [InlineData("Marie Exemple Service de presse Université Exemple de Lyon", "Université Exemple de Lyon")]
    public void Text_ASendersLineAtTheHead_NamesTheIssuer_OverASurveyFirm(string sender, string expected)
    {
        var text = "Top researchers rank the region first\n\n16.09.2005 16:23\n\n"
            + $"{sender}\n\n"
            + "The polling firm Example Research Group (ERG) asked 200 leading scientists for the magazine where the best research is done. ERG found the region first.\n\n"
            + "ERG published the full survey in the magazine this week, and ERG will repeat it next year with more scientists.\n";

        Assert.Equal(expected, Accept(text, "sender.txt").Organisation);
    }

    // A name alone at the head with nothing that agrees (no kind of release, no address, never named again) is a masthead's,
    // and a labelled line ("Date: Tuesday, 10 November 2015", "Venue: ..."), a release's date line or a contact's telephone
    // and date name no sender: the organisation the text keeps naming is the issuer.
    [Theory]
    [InlineData("Evening Courier Group")]
    [InlineData("Nordic Business Network")]
    [InlineData("Date: Tuesday, 10 November 2015")]
    [InlineData("Venue: Harbour Centre, Quay Street 4, 1917 Valletta")]
    [InlineData("For Immediate Release - September 13, 1999")]
    [InlineData("Joanna Example, 202/586-5806 April 18, 1996")]
    [InlineData("Pressemitteilung vom 12. Mai 2021, 10 Uhr")]
    public void Text_AMastheadOrALabelAtTheHead_LosesToTheNameTheTextRepeats(string masthead)
    {
        var text = "Foundation opens a new library\n\n"
            + $"{masthead}\n\n"
            + "Example Reading Foundation opened a new library in the old harbour today. Example Reading Foundation paid for the building.\n\n"
            + "Example Reading Foundation will run the library for ten years.\n";

        Assert.Equal("Example Reading Foundation", Accept(text, "library.txt").Organisation);
    }
}
