using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// The none-found class the corpus's sixth holdout failed on (issue 18; docs/release-formats.md): a page that names its issuer
/// in no field, line, block or domain, and whose name has no word for an organisation ("Ofcom", "Chevrolet"), still keeps
/// coming back to it inside its sentences. As a last resort that name is the issuer; a name opening sentences or said twice is not.
/// </summary>
public class SixthHoldoutRepeatedNameTests
{
    [Theory]
    [InlineData("Mobile firms to be banned from selling locked handsets",
        "Under new rules from Ofexa, phone companies may no longer sell locked handsets to anyone.",
        "According to Ofexa research, a third of people who thought about switching gave up on it for that reason alone.",
        "The ban is one part of a wider package of measures Ofexa is bringing in to make switching easier.", "Ofexa")]
    [InlineData("Neue Regeln für gesperrte Handys",
        "Nach den neuen Regeln von Brenntal dürfen Anbieter keine gesperrten Geräte mehr verkaufen, heißt es.",
        "Eine Umfrage, die Brenntal im Frühjahr durchgeführt hat, zeigt, dass viele Kunden deshalb nicht wechseln.",
        "Die Regeln gelten ab Dezember, teilte eine Sprecherin von Brenntal am Montag mit.", "Brenntal")]
    [InlineData("De nouvelles règles pour les téléphones verrouillés",
        "Selon les nouvelles règles de Vexor, les opérateurs ne pourront plus vendre de téléphones verrouillés.",
        "Une étude menée par Vexor montre que beaucoup de clients renoncent à changer d'opérateur pour cette raison.",
        "Les règles entrent en vigueur en décembre, a précisé Vexor dans un communiqué publié lundi.", "Vexor")]
    public void Text_ANameTheSentencesKeepComingBackTo_IsTheIssuer_WhenNothingElseNamesOne(string title, string first, string second, string third, string expected)
    {
        var text = $"{title}\n\n{first}\n\n{second}\n\n{third}\n";

        Assert.Equal(expected, Accept(text, "repeated.txt").Organisation);
    }

    // Said only twice, or only ever opening a sentence (a subject told about, not the teller), a name is not taken.
    [Theory]
    [InlineData("Under new rules from Ofexa, phone companies may no longer sell locked handsets to anyone.",
        "According to Ofexa research, a third of people who thought about switching gave up on it.",
        "The ban is one part of a wider package of measures to make switching easier for everyone.")]
    [InlineData("Ofexa phones may no longer be sold locked to one network, under the rules that apply from today.",
        "Ofexa handsets were the ones most often sold locked, a survey of shops in four towns showed.",
        "Ofexa shops will unlock the phones they sold before for free, starting next month in every town.")]
    public void Text_ANameSaidTwiceOrOnlyOpeningSentences_IsNoIssuer(string first, string second, string third)
    {
        var text = $"Mobile firms to be banned from selling locked handsets\n\n{first}\n\n{second}\n\n{third}\n";

        Assert.NotEqual("Ofexa", Accept(text, "weak.txt").Organisation);
    }

    // Months and days are capitalised inside English sentences, and are no names.
    [Fact]
    public void Text_AMonthRepeatedInsideSentences_IsNoIssuer()
    {
        var text = "New rules for locked handsets\n\nThe rules were written in December after a long review of how people switch.\n\n"
            + "Shops were told in December that the change was coming, and most agreed to it then.\n\n"
            + "The rules apply from December next year, and shops must tell buyers about them now.\n";

        Assert.NotEqual("December", Accept(text, "month.txt").Organisation);
    }
}
