using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// A name in the wrong shape (issue 18; docs/release-formats.md): a mail sent by the organisation's press unit or its
/// spokesperson carries that unit's or role's words around the organisation's name ("X Presse", "Mediálny servis X",
/// "Portavoz del Gobierno - X"); the issuer is the organisation, in any of the languages releases come in.
/// </summary>
public class RoundEightSenderTests
{
    private const string Title = "New catalyst splits water at room temperature";
    private const string Body = "Researchers have shown that a new catalyst splits water at room temperature with far less energy than before, which could make hydrogen much cheaper.";

    private static string Mail(string from, string body) =>
        $"From: {from}\r\nSubject: {Title}\r\nDate: Mon, 08 Dec 2025 10:00:00 +0100\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n";

    // The press unit's word after or before the organisation's name, in the sender's own language.
    [Theory]
    [InlineData("EXD Presse <presse@exd.no>", "EXD")]
    [InlineData("\"Agencia Ejemplo Prensa\" <prensa@ejemplo.es>", "Agencia Ejemplo")]
    [InlineData("\"Istituto Esempio Stampa\" <stampa@esempio.it>", "Istituto Esempio")]
    [InlineData("\"Beispiel-Institut für Forschung Abteilung Presse\" <presse@beispiel.de>", "Beispiel-Institut für Forschung")]
    [InlineData("\"Mediálny servis MK XY\" <media@kultura.example.sk>", "MK XY")]
    [InlineData("\"Tiskové oddělení ÚSX\" <tisk@priklad.cz>", "ÚSX")]
    [InlineData("\"Biuro Prasowe ZPX\" <biuro@przyklad.pl>", "ZPX")]
    public void Email_APressUnitsSender_NamesItsOrganisation(string from, string expected)
    {
        var eml = Mail(from, $"{Body}\r\n\r\n{Body}");

        Assert.Equal(expected, Accept(eml, "unit.eml").Organisation);
    }

    // A spokesperson's role before a dash or a bar is no part of the organisation that speaks.
    [Theory]
    [InlineData("\"Portavoz del Gobierno - Junta de Ejemplo\" <prensa.portavoz@ejemplo.es>", "Junta de Ejemplo")]
    [InlineData("\"Spokesperson of the Ministry | Example Republic Government\" <spokes@example.gov>", "Example Republic Government")]
    [InlineData("\"Porte-parole du gouvernement - Région Exemple\" <presse@exemple.fr>", "Région Exemple")]
    public void Email_ASpokespersonsSender_NamesTheOrganisationAfterTheRole(string from, string expected)
    {
        var eml = Mail(from, $"{Body}\r\n\r\n{Body}");

        Assert.Equal(expected, Accept(eml, "role.eml").Organisation);
    }

    // A name that merely ends in a word like these keeps it: "Maison de la Presse" is a name, not a unit of "Maison de la".
    [Theory]
    [InlineData("\"Maison de la Presse\" <contact@maison.example.fr>", "Maison de la Presse")]
    [InlineData("\"Revue Exemple-Presse\" <contact@revue.example.fr>", "Revue Exemple-Presse")]
    public void Email_ANameThatEndsInAPressWord_KeepsIt(string from, string expected)
    {
        var eml = Mail(from, $"{Body}\r\n\r\n{Body}");

        Assert.Equal(expected, Accept(eml, "name.eml").Organisation);
    }
}
