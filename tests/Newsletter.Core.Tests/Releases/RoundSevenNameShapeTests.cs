using Newsletter.Core.Releases.Parsing;
using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// The shape class the corpus's seventh holdout failed on (issue 18; docs/release-formats.md): whatever finder produced it, a
/// candidate is brought to the organisation itself. A name cut short where the text goes on with it ("... for Cooperation" before
/// "on Agriculture", "Ministerium für Innovation" before its list) grows to the name the text writes; a meeting of the owners
/// ("de Algemene Vergadering van Aandeelhouders van X N.V.") stands for the company; a person's title and name are no
/// organisation; a unit of a body's own laboratory ("Division of the Department of X's Y Laboratory") is the laboratory's.
/// </summary>
public class RoundSevenNameShapeTests
{
    [Theory]
    [InlineData("Fisheries pact signed",
        "The pact was signed today by the Example Institute for Cooperation on Fisheries and twelve coastal states.",
        "Under the pact, the Example Institute for Cooperation on Fisheries will train inspectors in each state.",
        "Example Institute for Cooperation on Fisheries")]
    [InlineData("Neue Förderrunde",
        "Das Ministerium für Kultur, Jugend und Sport Nordland fördert in diesem Jahr vierzig Vereine.",
        "Anträge nimmt die Geschäftsstelle bis zum Ende des Monats entgegen.",
        "Ministerium für Kultur, Jugend und Sport Nordland")]
    [InlineData("Informe anual",
        "El Observatorio Nacional de las Lenguas y las Culturas (ONLC) presenta hoy su informe anual.",
        "Según el Observatorio, el número de hablantes crece; el Observatorio publicará los datos en mayo.",
        "Observatorio Nacional de las Lenguas y las Culturas")]
    public void Text_ANameCutShortWhereTheTextGoesOn_GrowsToTheNameTheTextWrites(string title, string first, string second, string expected)
    {
        var text = $"{title}\n\n{first}\n\n{second}\n\nThe programme runs until the end of the year.\n";

        Assert.Equal(expected, Accept(text, "continued.txt").Organisation);
    }

    [Theory]
    // Another body after "and" is a name of its own, and a name without a topic ("of", "für", "de") goes on with no list.
    [InlineData("Example Institute of Technology", "Example Institute of Technology and Norland University signed the pact, and the Example Institute of Technology and Norland University will meet again.")]
    [InlineData("Example Foods", "Example Foods and Partner Drinks announced a joint venture; Example Foods and Partner Drinks will share the plant.")]
    [InlineData("Ministry of Health", "The Ministry of Health and Minister Jane Doe thanked the nurses.")]
    public void Shape_AContinuationNamingAnotherBodyOrAPerson_IsNoPartOfTheName(string name, string paragraph)
    {
        Assert.Equal(name, OrganisationNames.AsOrganisation(name, [paragraph]));
    }

    [Theory]
    [InlineData("AVA Voorbeeld Holding keurt agenda goed", "Vandaag vond in Rotterdam de Algemene Vergadering van Aandeelhouders van Voorbeeld Holding N.V. plaats.", "Voorbeeld Holding N.V.")]
    [InlineData("AGM approves all resolutions", "London, 3 May 2023. Today the Annual General Meeting of Shareholders of Example Holdings PLC approved every resolution.", "Example Holdings PLC")]
    [InlineData("Assemblée générale", "Aujourd'hui à Lyon l'Assemblée générale des actionnaires de Exemple Industries SA a approuvé les comptes.", "Exemple Industries SA")]
    public void Text_AMeetingOfTheOwners_StandsForTheCompany(string title, string sentence, string expected)
    {
        var text = $"{title}\n\n{sentence}\n\nAll items on the agenda were approved by a large majority of the votes cast.\n";

        var organisation = Accept(text, "meeting.txt").Organisation;

        Assert.Equal(expected.TrimEnd('.'), organisation?.TrimEnd('.'));
    }

    [Theory]
    [InlineData("Minister Peeters", "Minister Peeters: “Dit is een goede dag.”", "Minister Peeters bezocht het lab.")]
    [InlineData("Bürgermeisterin Huber", "Bürgermeisterin Huber sagte: „Das ist ein guter Tag.“", "Bürgermeisterin Huber besuchte das Labor.")]
    [InlineData("Council Chief Executive Officer Jane Doe", "Council Chief Executive Officer Jane Doe says it is a good day.", "Council Chief Executive Officer Jane Doe visited the lab.")]
    public void Text_APersonsTitleAndName_IsNoOrganisation_AndTheNextNameIsTheIssuer(string person, string first, string second)
    {
        var text = $"New laboratory opens\n\n{first}\n\n{second}\n\nThe laboratory belongs to the Voorbeeld Instituut and opens in May.\n";

        var organisation = Accept(text, "person.txt").Organisation;

        Assert.NotEqual(person, organisation);
        Assert.Equal("Voorbeeld Instituut", organisation);
    }

    [Theory]
    [InlineData("said Ann Lee of the Materials Group of the Ministry of Defence's Example Research Laboratory.",
        "ERL staff will show the sensor at a trade fair; the Ministry of Defence funds the work.", "Example Research Laboratory")]
    [InlineData("said Eva Roth, head of the Propulsion Section of the Norland Space Agency’s Kestrel Space Centre.",
        "KSC engineers will fly the sensor next year; the Norland Space Agency pays for the launch.", "Kestrel Space Centre")]
    public void Text_AUnitOfABodysOwnLaboratory_IsTheLaboratorysWhereTheTextNamesItAlone(string sentence, string later, string expected)
    {
        var text = $"New sensor reads alloys in seconds\n\n\"The sensor reads an alloy in a second,\" {sentence}\n\n{later}\n";

        Assert.Equal(expected, Accept(text, "unit.txt").Organisation);
    }

    [Theory]
    [InlineData("North Polytechnic Institute and Harbour High School", "North Polytechnic Institute")]
    [InlineData("Universität Nordstadt und Stadtwerke Nordstadt GmbH", "Universität Nordstadt")]
    [InlineData("Institut Exemple et Fondation Lumière", "Institut Exemple")]
    public void Shape_TwoBodiesJoinedByAnd_AreNoOneName_AndTheFirstIsTheIssuer(string found, string expected)
    {
        Assert.Equal(expected, OrganisationNames.AsOrganisation(found, [found + " today announced a course for 12th graders."]));
    }

    [Theory]
    // One name with "and" in it: a topic's pair, a founder's pair, a list before one kind word.
    [InlineData("Department of Energy and Climate Change")]
    [InlineData("Bill and Example Gates Foundation")]
    [InlineData("Food and Drug Administration")]
    public void Shape_ANameWithAndInIt_StaysOneName(string found)
    {
        Assert.Equal(found, OrganisationNames.AsOrganisation(found, [found + " today announced a new rule."]));
    }
}
