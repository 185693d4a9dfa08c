using System.Text;
using Newsletter.Core.Releases;
using static Newsletter.Core.Tests.Releases.ParserTestHelpers;

using static Newsletter.Core.Tests.Releases.HostileText;

namespace Newsletter.Core.Tests.Releases;

/// <summary>
/// The class the corpus's seventh holdout returned no organisation for at all (issue 18; docs/release-formats.md): the issuer
/// was in the text, but in a shape no finder read. A reader still finds it: the short form the title uses and the text spells
/// out word by word, in any script; the name the text defines as "the Company"; the company a headline's tag names and the
/// text names again; a name built on a word for an organisation in the languages of Europe's north, centre and east, Greek and
/// Cyrillic, in the case the sentence's subject takes. A person, a place or a lone word for the kind is still no issuer.
/// </summary>
public class SeventhHoldoutUnnamedIssuerTests
{
    // The title's short form, spelled out by the initials of a run of capitalised words the text inflects as it likes.
    [Theory]
    [InlineData("Επίσκεψη του Προέδρου της ΕΟΚΑ στη Λάρισα",
        "Ο Πρόεδρος της Ελληνικής Ομοσπονδίας Καλαθοσφαίρισης Αθλητών επισκέφθηκε χθες τη Λάρισα για συναντήσεις εργασίας.", "ΕΟΚΑ")]
    [InlineData("Νέα σύμβαση για τα μέλη της ΠΟΜΑ",
        "Η Πανελλαδική Ομοσπονδία Μηχανικών Αεροσκαφών υπέγραψε σήμερα νέα συλλογική σύμβαση για τους εργαζομένους του κλάδου.", "ΠΟΜΑ")]
    [InlineData("Visit of the KVB board to the northern farms",
        "Members of the board of the Kelvar Veterans Brotherhood travelled north this week to meet the farmers it supports.", "KVB")]
    public void Text_TheTitlesShortFormSpelledOut_IsTheIssuer(string title, string body, string expected)
    {
        Assert.Equal(expected, Accept($"{title}\n\n{body}\n", "short.txt").Organisation);
    }

    // A short form no run of the text spells leaves the issuer unnamed.
    [Theory]
    [InlineData("Συνάντηση για την ΚΥΑ των λιμανιών", "Συζητήθηκαν χθες τα μέτρα για τα λιμάνια και τις μεταφορές των νησιών.")]
    [InlineData("New KVA rules for the harbour", "The rules were discussed at length by the port's users and the fishermen.")]
    public void Text_AShortFormNothingSpells_NamesNoIssuer(string title, string body)
    {
        Assert.Null(Accept($"{title}\n\n{body}\n", "unspelled.txt").Organisation);
    }

    // The title's short form, which the text goes on to call by the capitalised word for its kind that its head letter stands for.
    [Theory]
    [InlineData("Megkezdődött a KTA 12. közgyűlése", "Hétfőn megkezdődött az Akadémia legfőbb testületének ülése. A tagok szerint az Akadémiának nagyobb szerepet kell vállalnia.", "KTA")]
    [InlineData("Il CRE presenta il piano triennale", "Oggi il Consiglio ha presentato il piano per i prossimi tre anni. Le priorità del Consiglio sono la ricerca e la formazione.", "CRE")]
    [InlineData("New fellows elected to the KVA", "This year the Academy elected twelve new fellows from six countries. Each fellow joins a section of the Academy in June.", "KVA")]
    public void Text_TheTitlesShortFormCalledByItsKind_IsTheIssuer(string title, string body, string expected)
    {
        Assert.Equal(expected, Accept($"{title}\n\n{body}\n", "kind-word.txt").Organisation);
    }

    // A kind word whose letter the short form does not hold, or one written once, ties no short form to it.
    [Theory]
    [InlineData("New members for NATO", "This year the Academy elected twelve new fellows. Each fellow joins a section of the Academy in June.")]
    [InlineData("New fellows elected to the KVA", "This year the Academy elected twelve new fellows from six countries, who will join in June.")]
    public void Text_AKindWordTheShortFormDoesNotStandFor_NamesNoIssuer(string title, string body)
    {
        Assert.Null(Accept($"{title}\n\n{body}\n", "other-kind.txt").Organisation);
    }

    // The name a company's notice defines as the company, in the words of several languages.
    [Theory]
    [InlineData("Result of annual general meeting",
        "Harlow Components plc (the \"Company\") announces that all resolutions were passed at its meeting held today.", "Harlow Components plc")]
    [InlineData("Kommuniké från årsstämman",
        "Nordkust Marin AB (publ) (\"Bolaget\") höll sin årsstämma i går. Stämman beslutade att Bolagets resultat disponeras enligt förslaget.", "Nordkust Marin AB")]
    [InlineData("Varsinaisen yhtiökokouksen päätökset",
        "Esimerkki Oyj (\"Yhtiö\") piti varsinaisen yhtiökokouksensa tänään. Yhtiökokous vahvisti tilinpäätöksen ja myönsi vastuuvapauden.", "Esimerkki Oyj")]
    public void Text_TheNameDefinedAsTheCompany_IsTheIssuer(string title, string body, string expected)
    {
        Assert.Equal(expected, Accept($"{title}\n\n{body}\n", "defined.txt").Organisation);
    }

    // A term defined for a person or a scheme is no company's.
    [Theory]
    [InlineData("Options granted", "Anna Berg (\"the Seller\") sold her shares, and a plan (\"Programmet\") was set up for the staff.")]
    public void Text_APersonDefinedAsAParty_IsNoIssuer(string title, string body)
    {
        Assert.NotEqual("Anna Berg", Accept($"{title}\n\n{body}\n", "party.txt").Organisation);
    }

    // A headline's tag naming a company the text names again, in its short form or an inflection of it.
    [Theory]
    [InlineData("Nordkust Marin AB: Kallelse till årsstämma flyttas till hösten",
        "Nordkust Marins styrelse har beslutat att skjuta upp stämman. Nordkust Marin skickar ut en ny kallelse senast fyra veckor före.", "Nordkust Marin AB")]
    [InlineData("Esimerkki Oyj: Hallitus peruu osingonmaksun",
        "Esimerkki Oyj:n hallitus on päättänyt perua osingon. Esimerkki kertoo uudesta yhtiökokouksesta myöhemmin keväällä.", "Esimerkki Oyj")]
    public void Text_AHeadlinesCompanyTagTheTextNamesAgain_IsTheIssuer(string title, string body, string expected)
    {
        Assert.Equal(expected, Accept($"{title}\n\n{body}\n", "tag.txt").Organisation);
    }

    // A person's tag before a quote, and a place's, are no company's.
    [Theory]
    [InlineData("Kovács Bence: fontos a fiatalok megszólítása", "Kovács Bence szerint a fiatalokat meg kell szólítani. Kovács Bence ezt a megnyitón mondta.")]
    [InlineData("Korvale: aid reaches the hills", "Food reached Korvale this week. The roads to Korvale are open again after the rains.")]
    public void Text_APersonsOrAPlacesTag_IsNoIssuer(string title, string body)
    {
        var found = Accept($"{title}\n\n{body}\n", "quote.txt").Organisation;

        Assert.DoesNotContain(title.Split(':')[0], found ?? string.Empty, StringComparison.Ordinal);
    }

    // A name the title and the text write alike, opening with the short form: its "named after" part included.
    [Theory]
    [InlineData("Візит делегації до ХНУ ім. Василя Каразіна 5 травня",
        "Ректор ХНУ ім. Василя Каразіна зустрівся з делегацією та розповів про нові програми навчання.", "ХНУ ім. Василя Каразіна")]
    [InlineData("Засідання вченої ради ДПУ ім. Михайла Драгоманова", "На засіданні вченої ради ДПУ ім. Михайла Драгоманова обговорили план роботи на рік.",
        "ДПУ ім. Михайла Драгоманова")]
    public void Text_TheTitlesShortFormWithItsName_IsTheIssuer(string title, string body, string expected)
    {
        Assert.Equal(expected, Accept($"{title}\n\n{body}\n", "named.txt").Organisation);
    }

    // A name built on a word for an organisation in the languages the other finders do not read, in its base form.
    [Theory]
    [InlineData("Nowa wystawa stała", "Muzeum Narodowe w Kielcach zaprasza na nową wystawę. Bilety sprzedaje Muzeum Narodowe w Kielcach od poniedziałku.",
        "Muzeum Narodowe w Kielcach")]
    [InlineData("Korkopäätös", "Suomen Pankki julkaisee ennusteensa tänään. Korosta päätti Suomen Pankin johtokunta jo viime viikolla.", "Suomen Pankki")]
    [InlineData("Kamatdöntés", "A Magyar Nemzeti Bank döntött az alapkamatról. A Magyar Nemzeti Banknak a következő ülése júniusban lesz.", "Magyar Nemzeti Bank")]
    [InlineData("Palūkanų sprendimas", "Lietuvos bankas paskelbė naują apžvalgą. Kitą posėdį Lietuvos banko valdyba surengs birželį.", "Lietuvos bankas")]
    [InlineData("Νέο πρόγραμμα σπουδών", "Το Πανεπιστήμιο Κρήτης ανακοίνωσε νέο πρόγραμμα σπουδών. Οι αιτήσεις υποβάλλονται στη γραμματεία του Πανεπιστημίου Κρήτης.",
        "Πανεπιστήμιο Κρήτης")]
    public void Text_ANameWithAWordOfItsKind_IsTheIssuerInItsBaseForm(string title, string body, string expected)
    {
        Assert.Equal(expected, Accept($"{title}\n\n{body}\n", "kind.txt").Organisation);
    }

    // A person named again and again, a lone word for the kind and a common noun opening sentences name no issuer.
    [Theory]
    [InlineData("Nowe zasady", "Polskie banki przyjęły nowe zasady. Polskie banki otworzą nowe oddziały w maju.")]
    [InlineData("Megkezdődött a közgyűlés", "Az Akadémia ülése hétfőn kezdődött. Kovács Bence szerint az Akadémia feladata nő. Kovács Bence a díjakat is átadta.")]
    [InlineData("Fundur haldinn", "Á fundinum voru Jón Jónsson og Anna Sigurðardóttir frá Spítalanum. Jón Jónsson stýrði fundinum.")]
    public void Text_APersonOrALoneKindWord_IsNoIssuer(string title, string body)
    {
        var found = Accept($"{title}\n\n{body}\n", "nobody.txt").Organisation;

        Assert.True(found is null or not ("Akadémia" or "Kovács Bence" or "Jón Jónsson" or "Spítalanum" or "Polskie banki"), found);
    }

    public static TheoryData<string, string> HostileInputs() => new()
    {
        { "a.txt", "Επίσκεψη της ΑΒΓΔΕΖ στη Λάρισα\n\n" + Repeat("Αλφα Βήτα Γάμμα Δέλτα και της ", 20_000) + "\n" },
        { "b.txt", "Nowa wystawa\n\n" + Repeat("Muzeum Aaa w Bbb, ", 20_000) + Repeat("Landspítal", 20_000) + "a\n" },
        { "c.txt", "Aaa Bbb AB: Ccc\n\n" + Repeat("Aaa Bbb Ccc (\"Ddd ", 20_000) + Repeat("Aaa Bbbs ", 20_000) + "\n" },
        { "d.txt", "Візит до ХНУ ім. Ааа Ббб\n\n" + Repeat("ХНУ ім. ім. Ааа ", 20_000) + "\n" },
    };

    // The patterns on large hostile input: each parse has a budget of its own, so one that backtracked would end as a timeout.
    [Theory]
    [MemberData(nameof(HostileInputs))]
    public void LargeHostileInput_IsReadWithinItsBudget(string fileName, string content)
    {
        var result = ParseWithinBudget(content, fileName);

        Assert.NotEqual(RejectionCodes.ParseTimeout, result.Rejection?.Code);
    }
}
