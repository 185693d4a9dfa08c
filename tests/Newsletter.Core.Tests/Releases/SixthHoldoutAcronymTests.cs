using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// The organisation classes the corpus's sixth holdout failed on where a candidate's own shape says whether it is the issuer
/// (issue 18; docs/release-formats.md): an acronym of a product, a technology, a degree or a partner is none, an acronym the
/// title opens with and the page ties to an organisation is the issuer, a name is whole ("Mess- und Regeltechnik") and a
/// headline or a product described as one is no name. Each has variants of its own that are not corpus files.
/// </summary>
public class SixthHoldoutAcronymTests
{
    // A short form defined after words the text also writes in lower case names a thing ("zero emission trucks"), not a body.
    [Theory]
    [InlineData("Example Motor Company started building Zero Emission Vehicles (ZEV) in Springfield today. Every zero emission truck it sells will count, and the ZEV plan runs to 2030. ZEV status is granted by the state; ZEV buyers pay less tax. Example Motor Company thanks its workers.", "Example Motor Company")]
    [InlineData("Stichting Voorbeeld Data zet Kunstmatige Intelligentie (KI) in bij de boekhouding. Met kunstmatige intelligentie worden bonnen sneller gecontroleerd, de KI leert van elk geval en KI-modellen draaien in het eigen datacenter. Stichting Voorbeeld Data wil meer.", "Stichting Voorbeeld Data")]
    [InlineData("La société Exemple Mobilité SA livre ses premiers Véhicules Électriques (VE) à Lyon. Les véhicules électriques rouleront dès lundi, chaque VE est garanti huit ans et les VE partagés suivront. Exemple Mobilité SA recrute.", "Exemple Mobilité SA")]
    public void Text_AShortFormOfACommonNoun_IsNotTheIssuer(string text, string expected)
    {
        var found = Accept($"New trucks leave the plant\n11 December 2019\n\n{text}\n", "noun.txt").Organisation;

        Assert.Equal(expected, found);
    }

    // A title that opens with an acronym the body names again, and ties to the organisation (its department, faculty, people
    // or the name it abbreviates), names the issuer, above a programme's or a degree's short form the body uses more.
    [Theory]
    [InlineData("EXU Introduces Two New Degrees", "From history to the sciences, EXU is offering two new degrees this fall.\n\nEXU’s Department of History used to offer a Bachelor of Arts in Public History and Heritage (PHH). Students who declare PHH choose a track, and PHH now has 72 credit hours.", "EXU")]
    [InlineData("BFG fördert zwölf neue Graduiertenkollegs", "Um die Forschung zu stärken, richtet die Beispielhafte Forschungsgemeinschaft (BFG) zwölf neue Graduiertenkollegs (GRK) ein.\n\nDie neuen GRK erhalten 80 Millionen Euro, jedes GRK bildet Promovierende aus. Von Juli an fördert die BFG insgesamt 200 GRK.", "BFG")]
    [InlineData("UNEX abre tres nuevas maestrías", "La UNEX abre este año tres maestrías en ciencias.\n\nLa Facultad de Ciencias de la UNEX ofrecerá una Maestría en Biología Marina (MBM). La MBM dura dos años y la MBM admite 30 estudiantes.", "UNEX")]
    public void Markdown_ATitleOpeningWithTheIssuersAcronym_NamesIt(string title, string body, string expected)
    {
        var markdown = $"# {title}\n\n28 September 2022\n\n{body}\n";

        Assert.Equal(expected, Accept(markdown, "acronym.md").Organisation);
    }

    // An acronym that opens a longer name ("BX Energie", as the body writes it too) is that name's part, not the issuer alone.
    [Fact]
    public void Markdown_ATitleOpeningWithAnAcronymThatStartsAName_DoesNotCutTheName()
    {
        var markdown = "# BX Energie will Standort weiter stärken\n\n28 September 2022\n\nDie Geschäftsführung der BX Energie hat heute den Ausbau beschlossen. "
            + "Sie hat dafür Mittel bereitgestellt.\n\nDie Mitarbeiter der BX Energie wurden informiert.\n";

        Assert.NotEqual("BX", Accept(markdown, "part.md").Organisation);
    }

    // A plant, department or school an organisation owns ("X's Y Plant", "X’s School of Medicine") stands for its owner when the
    // owner reads as an organisation or is an acronym; a country's body keeps its name.
    [Theory]
    [InlineData("Example Motor Company's Springfield Assembly Plant started building the new pickup today, five years early.", "Example Motor Company")]
    [InlineData("Example University’s School of Medicine opened a new clinic for children this week.", "Example University")]
    [InlineData("EXM’s Department of Journalism opened a new studio for students this week.", "EXM")]
    public void Text_AUnitNamedWithItsOwner_GivesTheOwner(string text, string expected)
    {
        Assert.Equal(expected, Accept($"New trucks leave the plant\n11 December 2019\n\n{text}\n", "owned.txt").Organisation);
    }

    [Fact]
    public void Text_ACountrysBody_KeepsItsName()
    {
        var found = Accept("New trucks leave the plant\n11 December 2019\n\nExampleland's National Research Council opened a new laboratory this week.\n", "owned.txt").Organisation;

        Assert.NotEqual("Exampleland", found);
    }

    // A name with a suspended compound ("Mess- und Regeltechnik", "Bygge- og Anlægsselskab") is whole: the part before the
    // hyphen belongs to it, so the title that opens with it names the issuer over a short form the text defines for another.
    [Theory]
    [InlineData("Beispiel Mess- und Regeltechnik AG", "Beispiel Mess- und Regeltechnik AG: Beispiel verkauft Tochter", "Der Aufsichtsrat hat dem Verkauf der Muster Sensorik GmbH (MSX) zugestimmt. Die MSX wird im Abschluss gesondert ausgewiesen; zur MSX gehört auch ein Werk.")]
    [InlineData("Voorbeeld Installatie- en Onderhoudsbedrijf B.V.", "Voorbeeld Installatie- en Onderhoudsbedrijf B.V.: Voorbeeld verkoopt dochter", "De raad van commissarissen heeft ingestemd met de verkoop van Proef Sensoren Groep (PSG). De PSG wordt apart verantwoord; bij de PSG werken 40 mensen.")]
    public void Markdown_ANameWithASuspendedCompound_IsWhole(string name, string title, string text)
    {
        var markdown = $"# {title}\n\n20.10.2023\n\n{name} / Ad hoc\n\n{text}\n\nUnternehmen: {name} Musterstraße 10, 13125 Berlin\n";

        Assert.Equal(name.TrimEnd('.'), Accept(markdown, "suspended.md").Organisation!.TrimEnd('.'));
    }

    // A name the text describes as a technology, platform, product or device ("X, a technology that ...") is no organisation,
    // even where a web address in the text spells it; the issuer is the one the text names, possessive or not.
    [Theory]
    [InlineData("Exa-Cure, a technology that grew out of Dr. Jane Doe's lab, tests cancer drugs on a chip. Learn more on Exa-Cure’s website: https://www.exa-cure.bio/", "A study from Example University shows how marmosets call each other. Example University’s team recorded 40 animals.", "Example University")]
    [InlineData("BeispielScan, eine Plattform aus dem Labor von Dr. Erika Muster, prüft Medikamente auf einem Chip. Mehr auf der Seite von BeispielScan: https://www.beispielscan.de/", "Eine Studie der Universität Beispielstadt zeigt, wie Affen einander rufen. Die Universität Beispielstadt hat 40 Tiere beobachtet.", "Universität Beispielstadt")]
    public void Markdown_ANameDescribedAsAThing_IsNotTheIssuer(string product, string study, string expected)
    {
        var markdown = $"# 11 discoveries of the year\n\n9 December 2024\n\n{product}\n\n{study}\n";

        Assert.Equal(expected, Accept(markdown, "thing.md").Organisation);
    }
}
