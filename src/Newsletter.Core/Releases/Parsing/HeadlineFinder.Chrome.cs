using System.Text.RegularExpressions;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>The page chrome <see cref="HeadlineFinder"/> passes over: site and section names, controls, labels and numbers.</summary>
internal static partial class HeadlineFinder
{
    /// <summary>Page furniture a copied web page brings: site and section names, controls, addresses and numbers.</summary>
    internal static bool IsChrome(string line)
    {
        var words = TextCleaner.CountWords(line);
        return AddressLine().IsMatch(line) || (words <= 6 && (ControlLine().IsMatch(line) || ReleaseLabel().IsMatch(line) || IssueNumber().IsMatch(line)))
            || SignInLine().IsMatch(line) || (line.Length <= 100 && (SignUpLine().IsMatch(line) || RelativeTimeStamp().IsMatch(line.Trim())))
            || IsSectionName(line) || IsLanguageSwitcher(line) || IsSiteAndSection(line) || IsListingChrome(line)
            || IsAnnouncementLabel(line);
    }

    /// <summary>
    /// A site's name with its section, as a page's header or its window title reads: "Example University: News",
    /// "Newsroom | Example Institute of Technology", "Universität Beispiel – Pressemitteilungen".
    /// </summary>
    internal static bool IsSiteAndSection(string line)
    {
        var parts = line.Split([": ", " | ", " – ", " — ", " - "], 3, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2 && TextCleaner.CountWords(line) <= 10
            && ((IsSectionName(parts[1]) && OrganisationNames.LooksLikeOrganisation(parts[0]))
                || (IsSectionName(parts[0]) && OrganisationNames.LooksLikeOrganisation(parts[1])));
    }

    /// <summary>
    /// A menu's entry: a line of three words or less with two or more such lines right above it, no blank line between
    /// ("Recherche", "Enseignement", "Vie du campus"; "Research", "Teaching", "Life on campus").
    /// </summary>
    internal static bool IsMenuEntry(IReadOnlyList<string> lines, int index, int start)
    {
        static bool IsShort(string line) =>
            line.Length is > 0 and <= 40 && TextCleaner.CountWords(line) <= 3 && !line.EndsWith('.') && DateFinder.FindFirst(line) is null;

        if (!IsShort(lines[index].Trim()))
        {
            return false;
        }

        var above = 0;
        for (var i = index - 1; i >= start && above < 2 && IsShort(lines[i].Trim()); i--)
        {
            above++;
        }

        return above >= 2;
    }

    /// <summary>A row of languages to read the page in: "Portuguese English Spanish", "Deutsch | English | Français", "EN DE FR".</summary>
    internal static bool IsLanguageSwitcher(string line)
    {
        var words = line.Split([' ', '|', '/', '·', '•', ',', '-', '–'], StringSplitOptions.RemoveEmptyEntries);
        return words.Length is >= 2 and <= 12 && words.All(w => LanguageNames.Contains(TextCleaner.Key(w)));
    }

    private static readonly HashSet<string> LanguageNames =
    [
        "english", "deutsch", "german", "francais", "french", "espanol", "spanish", "castellano", "portugues", "portuguese", "italiano",
        "italian", "nederlands", "dutch", "svenska", "swedish", "dansk", "danish", "norsk", "norwegian", "suomi", "finnish", "polski",
        "polish", "catala", "catalan", "euskara", "galego", "cestina", "czech", "magyar", "hungarian", "romana", "romanian", "turkce",
        "turkish", "russian", "chinese", "japanese", "korean", "arabic", "hebrew", "greek", "ukrainian", "bokmal", "nynorsk", "islenska",
        "en", "de", "fr", "es", "pt", "it", "nl", "sv", "da", "no", "nb", "fi", "pl", "ca", "cs", "hu", "ro", "tr", "ru", "zh", "ja", "ko",
        "ar", "he", "el", "uk",
    ];

    /// <summary>A section's name: a few words, all of them section vocabulary ("Latest News", "NSF Funded News", "Aktuelle Pressemitteilungen").</summary>
    /// <remarks>
    /// A listing's heading may name its month or year and one topic: "News archive: Research press releases 2021",
    /// "Pressemitteilungen – April 2019", "Archive 2015".</remarks>
    internal static bool IsSectionName(string line)
    {
        var words = line.Split([' ', '|', '/', '·', ':', '–', '—', ','], StringSplitOptions.RemoveEmptyEntries).Where(w => w != "-").ToArray();
        var known = words.Count(w => SectionWords.Contains(TextCleaner.Key(w)));
        if (known == 0)
        {
            return false;
        }

        var dated = words.Count(w => DateFinder.IsMonthOrYear(w));
        var other = words.Count(w => !SectionWords.Contains(TextCleaner.Key(w)) && !DateFinder.IsMonthOrYear(w) && !(w.Length <= 5 && w.All(char.IsUpper)));
        return (words.Length <= 4 && dated == 0 && other == 0) || (words.Length <= 8 && dated >= 1 && other <= 1);
    }

    private static readonly HashSet<string> SectionWords =
    [
        "news", "newsroom", "press", "release", "releases", "pressreleases", "latest", "breaking", "recent", "featured", "funded", "all",
        "stories", "updates", "archive", "archief", "archiv", "events", "multimedia", "media", "home", "contact", "about", "categories",
        "kategorien", "startseite", "aktuelles", "aktuelle", "pressemitteilungen", "pressemitteilung", "presseinformationen", "nachrichten",
        "accueil", "actualites", "communiques", "inicio", "noticias", "notizie", "comunicati", "nieuws", "persberichten", "nyheter",
        "pressmeddelanden", "announcements", "blog", "presse", "and", "de", "la", "der", "our",
        // A distributor's or wire's tagline: "PRESS RELEASES DISTRIBUTION", "News Distribution Service", "Pressedienst".
        "distribution", "wire", "newswire", "service", "services", "pressedienst", "nachrichtendienst", "comunicados", "notas", "prensa",
        "stampa", "communique", "communiques", "persdienst",
        // A listing's or category's label: "Category: Press Releases", "Medienmitteilungen 2016", "Press Releases and Statements".
        "category", "kategorie", "categorie", "categoria", "kategori", "medienmitteilungen", "medienmitteilung", "mitteilungen",
        "statements", "speeches", "room", "pressroom", "mediacenter", "centre", "center", "pressemeldungen", "meddelanden",
        "perskamer", "persberichten", "tiedotteet", "uutiset", "noticies", "actualidad", "actualite", "actualites", "attualita",
        // A press portal's name: "ANP Persportaal", "Presseportal", "Press Portal", "Portail presse".
        "portal", "portals", "persportaal", "presseportal", "pressportal", "portail", "portale", "portaal", "mediaportal",
        // A press section's name in the other languages of Europe: "Notes de premsa", "Fréttir og tilkynningar", "Tiskové zprávy".
        "premsa", "sala", "notes", "comunicats", "i", "og", "frettir", "tilkynningar", "frettatilkynningar", "pressemeldinger",
        "pressemeddelelser", "nyheder", "tiskove", "zpravy", "aktuality", "novinky", "komunikaty", "prasowe", "aktualnosci", "sajtokozlemenyek",
        "sajtokozlemeny", "hirek", "comunicate", "presa", "stiri", "lehdistotiedotteet", "lehdistotiedote", "vijesti", "priopcenja", "novice",
        "naujienos", "pranesimai", "uudised", "pressiteated", "archives", "archivio", "archivo", "arquivo", "arkiv", "arkisto", "archiwum",
    ];

    [GeneratedRegex(@"^(?:\S+\.(?:com|org|net|edu|gov|de|fr|nl|se|es|it|ch|at|uk|eu|info|io)|\S+@\S+|[+()\d\s./-]{6,})$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AddressLine();

    [GeneratedRegex(@"\b(?:search|suche|recherche|zoeken|sök|buscar|cerca|filter|sort by|log ?in|sign ?in|close|schließen|fermer|sluiten|stäng|cerrar|chiudi|skip to|a\s+a|" +
        @"saltar\s+a[l]?|ir\s+al\s+contenido|aller\s+au|passer\s+au\s+contenu|zum\s+inhalt|direkt\s+zum|springe\s+zu|vai\s+al|salta\s+al|" +
        @"naar\s+(?:de\s+)?(?:inhoud|hoofdinhoud)|hoppa\s+till|gå\s+til|spring\s+til|pular\s+para)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ControlLine();

    // A sign-in link standing alone, in the site's language: "Inloggen", "Anmelden", "Connexion", "Accedi", "Iniciar sesión".
    [GeneratedRegex(@"^(?:inloggen|aanmelden|anmelden|einloggen|connexion|se\s+connecter|accedi|iniciar\s+sesi[oó]n|entrar|acessar|logga\s+in|logg\s+inn|log\s+ind|kirjaudu(?:\s+sisään)?|zaloguj(?:\s+się)?|my\s+account|mein\s+konto|mon\s+compte|mijn\s+account)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SignInLine();

    // A feed's or a newsletter's sign-up link: "Subscribe to https://example.org/news/feed feed", "RSS-Feed abonnieren",
    // "Abonnez-vous à la lettre", "Iscriviti alla newsletter".
    [GeneratedRegex(@"^\s*(?:subscribe\s+to\b|(?:rss-?feed|newsletter|feed)\s+abonnieren\b|abonnez-vous\b|s['’]abonner\b|suscr[ií]bete\b|suscribirse\b|" +
        @"iscriviti\b|abonneer\b|prenumerera\b|abonner\s+på\b|assine\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SignUpLine();

    // A listing's relative time stamp: "Updated: 1 hour 19 min ago", "Posted 3 days ago", "vor 2 Stunden", "il y a 3 jours",
    // "hace 2 horas", "3 ore fa", "2 uur geleden".
    [GeneratedRegex(@"^(?:(?:last\s+)?(?:updated|posted|published|aktualisiert|veröffentlicht|mis\s+à\s+jour|publié|actualizado|publicado|aggiornato|pubblicato|bijgewerkt)\s*:?\s*)?" +
        @"(?:(?:\d{1,3}\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s*,?\s*){1,3}ago|" +
        @"vor\s+\d{1,3}\s+(?:sekunden|minuten|stunden?|tagen?|wochen?|monaten?|jahren?)|il\s+y\s+a\s+\d{1,3}\s+(?:secondes?|minutes?|heures?|jours?|semaines?|mois|ans?)|" +
        @"hace\s+\d{1,3}\s+(?:segundos?|minutos?|horas?|días?|semanas?|meses|mes|años?)|\d{1,3}\s+(?:secondi|minuti|ore|ora|giorni|giorno|settimane|mesi|anni)\s+fa|" +
        @"\d{1,3}\s+(?:seconden|minuten|uur|dagen|dag|weken|week|maanden|jaar)\s+geleden)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RelativeTimeStamp();

    // A release's kind and number above its headline: "eso9015 — Organisation Release", "ESO Press Release",
    // "PERSBERICHT", "Pressemitteilung Nr. 23/2014", "Communiqué de presse", "Nota de prensa".
    [GeneratedRegex(@"^(?:[\p{L}]*\d[\w/.\-]*\s*[—–:|\-]?\s*)?(?:\p{L}+\s+){0,2}(?:(?:press|news|media)\s+)?(?:release|pressemitteilung|presseinformation|pressemeldung|communiqu[ée](?:\s+de\s+presse)?|persbericht|pressmeddelande|nota\s+de\s+prensa|comunicado(?:\s+de\s+prensa)?|comunicato(?:\s+stampa)?)(?:\s*(?:no\.?|nr\.?|n°|#)?\s*[\w/.\-]*\d[\w/.\-]*)?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReleaseLabel();

    // An issue's number standing alone: "Nr. 13", "No. 5/2019", "N° 12", or a newsletter's volume and issue ("Newsletter Vol.25",
    // "Vol. 12, No. 3", "Issue 45", "Ausgabe 3/2019").
    [GeneratedRegex(@"^(?:\p{L}+\s+)?(?:nr|no|n°|nº|núm|num|#|vol|volume|issue|ausgabe|heft|numéro|número|numero|jg|jahrgang)\.?\s*\d[\d/.\-]*(?:\s*,?\s*(?:nr|no|n°|issue|heft)\.?\s*\d[\d/.\-]*)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IssueNumber();

    // A line that stops on an article, a preposition or a conjunction is cut off, not a headline: "Find out how you can start using X to".
    [GeneratedRegex(@"\s(?:the|a|an|to|of|and|or|for|with|by|from|at|in|on|der|die|das|und|le|la|les|et|el|los|las|y|il|e|och|og|en|het|van)$", RegexOptions.CultureInvariant)]
    private static partial Regex DanglingEnd();
}
