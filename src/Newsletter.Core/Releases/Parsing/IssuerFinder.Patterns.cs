using System.Text.RegularExpressions;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>The patterns <see cref="IssuerFinder"/> reads a release with.</summary>
internal static partial class IssuerFinder
{
    // "COLORADO SPRINGS, Colorado, March 4 -- The Space Foundation issued the following news release on March 3, 2021:"
    [GeneratedRegex(@"\s(?:has\s)?issued\sthe\sfollowing\s(?:news\srelease|press\srelease|release|statement|news|announcement|report)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex IssuedLine();

    // "CITY, Date -- The X Foundation today announced ...", "X, a nonprofit, today named ...", "X announced today ...", with a
    // company's suffix after a comma ("Example Labs, Inc. today announced"), a short name in brackets ("(Example or the
    // Company)"), and a verb of two words in other languages ("hat heute", "a annoncé aujourd'hui", "ha anunciado hoy").
    [GeneratedRegex(@"^(?:[^\n]{0,80}?(?:--|—|–|\s-\s)\s*)?(?<org>(?:[Tt]he\s+)?\p{Lu}[\p{L}\p{N}&.'’\-]*(?:\s+(?:of|for|and|&|de|der|für|the|\p{Lu}[\p{L}\p{N}&.'’\-]*)){0,8}(?:,\s+(?:Inc|Ltd|LLC|Corp|Co|plc|PLC|GmbH|AG|SA|S\.A|N\.V|B\.V|AB|ASA|SE)\.?)?)(?:\s*\([^()\n]{1,60}\))?(?:,[^\n]{0,160}?,)?\s+(?:(?:today|heute|aujourd'hui|vandaag|idag|i\s+dag|hoy|oggi|hoje|avui)\s+\p{Ll}+|(?:\p{Ll}+\s+){1,2}(?:today|heute|aujourd'hui|vandaag|idag|i\s+dag|hoy|oggi|hoje|avui)\b)",
        RegexOptions.CultureInvariant)]
    private static partial Regex AnnouncedSentence();

    // "About The Pittsburgh Foundation", "About Space Foundation: ...", "Über die Universität X", "À propos de X".
    [GeneratedRegex(@"^(?:about|über(?:\s+die|\s+das|\s+den)?|à propos d[eu']\s*|over|om|acerca de|sobre|informazioni su)\s+(?:the\s+|l['’]|la\s+|le\s+|les\s+|el\s+|il\s+|lo\s+)?(?<org>\p{Lu}[^.:\n]{1,100}?)(?:\s*[:.]|\s+(?:is|was|ist|est|är|er|es|è|has|hat|a été|wurde)\b|$)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AboutLine();

    [GeneratedRegex(@"^(?:(?:media|press|news|presse|medien)\s*[- ]?\s*)?(?:rückfragen(?:\s*(?:&|und)\s*kontakt)?|rückfragehinweis|contacts?|kontakt|ansprechpartner(?:in)?|contact presse|persvoorlichting|contacto|contatti|pressekontakt|for more information(?!\s+(?:about|on|regarding)\b))\b\s*:?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ContactLabel();

    [GeneratedRegex(@"^(?:funding|funded by|supported by|förderung|gefördert|financement|financé par|financiering|finansiering|financiación|finanziamento)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FundingLine();

    // "ESO Education and Public Relations Department", "Rice University Office of Public Affairs", "KTH Press Office".
    [GeneratedRegex(@"\G\s*(?<org>\p{Lu}[\p{L}\p{N}&.\-]*(?:\s+(?:of\s+|the\s+)*\p{Lu}[\p{L}\p{N}&.\-]*){0,5}?)\s+(?i:(?:(?:education|outreach)\s+and\s+)?(?:office\s+of\s+)?(?:public\s+relations|public\s+affairs|public\s+information|press|media\s+relations|communications?|news\s+and\s+media\s+relations)(?:\s+(?:department|office|service|team|unit|desk))?)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex PressDepartment();

    [GeneratedRegex(@"^(?:(?:President|CEO|Chair(?:man|woman|person)?|Director|Head|Dean|Rector|Provost|Chancellor|Founder|Managing Director|Chief \p{Lu}\p{Ll}+ Officer|Vorstandsvorsitzender|Präsident(?:in)?|Direktor(?:in)?)(?:\s+(?:and|&|und)\s+(?:CEO|Founder|Chair(?:man)?|President))?\s+(?:of|at|der|des)\s+)",
        RegexOptions.CultureInvariant)]
    private static partial Regex PersonsRole();

    // ", York YO10 5DD", ", Aarhus 8000", ", 97070 Würzburg": a town and a postcode after the comma.
    [GeneratedRegex(@"^\s*,\s*(?:\p{Lu}[\p{L}\-]+\s+){0,2}(?:[A-Z]{1,2}[0-9][0-9A-Z]?\s*[0-9][A-Z]{2}|[0-9]{4,5})\b", RegexOptions.CultureInvariant)]
    private static partial Regex PostalAddress();

    [GeneratedRegex(@"^(?:(?:PR|Press|Media|News|Communications?|Public\s+Relations|Presse|Kommunikation)\s+(?:and\s+|&\s+|und\s+)?)+(?:Office|Team|Department|Unit|Stelle|Abteilung)$", RegexOptions.CultureInvariant)]
    private static partial Regex BareOffice();

    [GeneratedRegex(@"^(?:(?:PR|Press|Media|News|Communications?|Public\s+Relations|Presse|Kommunikation)\s+(?:and\s+|&\s+|und\s+)?)+(?:Office|Team|Department|Unit|Stelle|Abteilung)\s+(?=\p{Lu})", RegexOptions.CultureInvariant)]
    private static partial Regex OfficePrefix();

    [GeneratedRegex(@"^(?:The|La|El|Il|Lo|Le|Les|Los|Las|De|Het|Die|Der|Das|A|O|Os|As|L')\s*(?<next>\p{Lu}\p{L}+)", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingArticle();

    [GeneratedRegex(@"^(?:(?:the|die|der|das|la|le|les|el|il|het)\s+|l['’])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Elided();

    // "Informationsdienst Wissenschaft (idw)", "Proceedings of the National Academy of Sciences (PNAS)", "Instituto Nacional de
    // Pesquisas da Amazônia (Inpa)": a short form defined.
    [GeneratedRegex(@"(?<![\p{L}\-])\p{Lu}[\p{L}\-]+(?:\s+(?:(?:of|the|for|and|der|des|für|de|du|di|del|della|van|voor|da|do|dos|das|y|e|i|et|och|og|en|la|las|los)\s+){0,2}\p{Lu}[\p{L}\-]+){1,8}\s+\((?<short>\p{L}{2,8})\)", RegexOptions.CultureInvariant)]
    private static partial Regex ShortFormDefinition();

    // "Max-Planck-Wissenschaftlerinnen", "Helmholtz-Zentrum-Forscher": a compound of three or more capitalised parts.
    [GeneratedRegex(@"(?<![\p{L}\-])\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+){2,4}(?![\p{L}\-])", RegexOptions.CultureInvariant)]
    private static partial Regex Compound();

    [GeneratedRegex(@"\b\p{Lu}{2,}(?:[\s:,;]+\p{Lu}{2,}){1,}\b", RegexOptions.CultureInvariant)]
    private static partial Regex ShoutedRun();

    [GeneratedRegex(@"(?<![\p{L}\p{N}\-])(?<acronym>\p{Lu}{2,6})(?![\p{L}\p{N}]|-\p{N})(?:\s(?<next>\p{Lu}\p{Ll}{2,})(?![\p{L}\p{N}]|\.\p{L}))?", RegexOptions.CultureInvariant)]
    private static partial Regex AcronymWord();

    [GeneratedRegex(@"(?:https?://(?:www\.)?|(?<![\p{L}\p{N}.\-/@])www\.)(?<host>[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)+)", RegexOptions.CultureInvariant)]
    private static partial Regex WebAddress();

    [GeneratedRegex(@"[\p{L}\p{N}._%+\-]+@(?<domain>[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)+)", RegexOptions.CultureInvariant)]
    private static partial Regex MailAddress();

    // "X, a relief and development organization based in ..., has announced", after a dateline's dash or at the paragraph's start.
    [GeneratedRegex(@"^(?:[^\n]{0,100}?(?:--|—|–|\s-\s)\s*)?(?<org>(?:[Tt]he\s+)?\p{Lu}[\p{L}\p{N}&.'’\-]*(?:\s+(?:of|for|and|&|de|the|\p{Lu}[\p{L}\p{N}&.'’\-]*)){0,6})[®™]?,\s+(?<apposition>(?:a|an|the|one\s+of|among|part\s+of|home\s+to)\s[^,;\n]{3,160}),\s+(?:(?:has|have|is|was|will|today|recently|now)\b|\p{Ll}{3,}(?:ed|es)\b)",
        RegexOptions.CultureInvariant)]
    private static partial Regex DatelineSubjectSentence();

    // The kinds of body an apposition names: "a relief and development organization", "one of the UK's fastest growing NGOs".
    [GeneratedRegex(@"\b(?:organi[sz]ations?|compan(?:y|ies)|charit(?:y|ies)|NGO|NGOs|NGO['’]s|non-?profit|provider|leader|institution|universit(?:y|ies)|agency|cent(?:er|re)s?|foundation|group|firm|manufacturer|developer|network|association|hospital|institute|maker|supplier|operator|bank|society|council|umbrella|federation|alliance|coalition|consortium|enterprise|corporation|business)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OrganisationKind();

    // A person's apposition: "a professor at ...", "the director of ...", "an associate researcher in ...".
    [GeneratedRegex(@"^(?:a|an|the)\s+(?:\p{L}+\s+){0,2}?(?:professor|director|researcher|scientist|student|doctor|physician|author|chair\w*|president|ceo|founder|head|dean|lecturer|fellow|engineer|spokes\w+|manager|member|postdoc\w*|graduate|alumn\w*)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PersonsApposition();

    // "SOURCE Islamic Relief USA": PR Newswire's last line.
    [GeneratedRegex(@"^SOURCE:?\s+(?<org>\p{Lu}[^\n]{1,100})$", RegexOptions.CultureInvariant)]
    private static partial Regex SourceLabel();

    // The place a dateline opens with, in capitals: "REHOVOT, ISRAEL—", "MADISON, N.J., ", "LOS ANGELES —".
    [GeneratedRegex(@"^\s*\p{Lu}[\p{Lu}.'’\- ]{1,40}(?:,\s*\p{Lu}[\p{L}.'’\- ]{1,30}){0,2}\s*(?:--|—|–|,|\s-\s)", RegexOptions.CultureInvariant)]
    private static partial Regex DatelinePlaceInCapitals();

    // "The press release issued by the Department for Environment, Food and Rural Affairs on 9 June 2025."
    [GeneratedRegex(@"\b(?:press|news|media)\s+release\s+(?:was\s+)?(?:issued|published|released|distributed)\s+by\s+(?:the\s+)?(?<org>\p{Lu}[^.;:\n]{2,120}?)\s+(?:on|at|today|yesterday|in)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IssuedByLine();

    // "Media Release 12 July 2011 from Red Cross.", "Press release from the X Foundation".
    [GeneratedRegex(@"^(?i:media|press|news)\s+(?i:release)\b[^.\n]{0,40}?\s(?i:from|by)\s+(?:the\s+)?(?<org>\p{Lu}[\p{L}\p{N}&.'’\- ]{1,80}?)\.?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex ReleaseFromLine();

    // "the Commerce Department's National Oceanic and Atmospheric Administration said today", "the X Foundation announced on Monday".
    [GeneratedRegex(@"(?<![\p{L}\p{N}'’])(?<org>\p{Lu}[\p{L}&'’\-]*(?:\s+(?:of|for|and|&|the|\p{Lu}[\p{L}&'’\-]*)){0,8})\s+(?:said|announced|reported|stated)\s+(?:today|on\s+\p{Lu}\p{Ll}+day)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex SaidTodaySentence();

    // "Utgiver: Kommunal- og regionaldepartementet (Opprettet 01.01.1998)", "Herausgeber: Bundesministerium für X", "Issued by: X".
    [GeneratedRegex(@"^(?:Utgiver|Utgivar|Utgivare|Udgiver|Útgefandi|Julkaisija|Herausgeber(?:in)?|Uitgever|Wydawca|Vydavatel|Publisher|Issued\s+by|Issuing\s+(?:body|authority)|Éditeur|Editore)\s*:\s*(?<org>\p{Lu}[^\n(|;]{1,120}?)\s*(?:\(|\||;|$)",
        RegexOptions.CultureInvariant)]
    private static partial Regex PublisherLabel();

    // The holder named after a credit's ©: "Tissue infected by Listeria. © Institut Pasteur.", "© Roland Brosch, Institut Pasteur".
    [GeneratedRegex(@"©\s*(?:[0-9]{4}\s*)?(?<holder>\p{Lu}[^.©\n]{1,100})", RegexOptions.CultureInvariant)]
    private static partial Regex CreditHolder();

    // "Artikel från X", "Medienmitteilungen der Stadt X", "Communiqué de presse de la Région X", "Press release from the X",
    // "Mededeling van het Kabinet van X: ...": the kind of release, then whose it is, up to the line's end or a colon.
    [GeneratedRegex(@"^(?i:(?:(?:press|media|news)\s+)?(?:releases?|statements?|announcements?|news|articles?|artikel|mededeling(?:en)?|persberichte?n?|pressemitteilung(?:en)?|medienmitteilung(?:en)?|pressemeldung(?:en)?|pressemelding(?:er)?|pressmeddelanden?|pressemeddelelser?|communiqués?(?:\s+de\s+presse)?|comunicados?(?:\s+de\s+(?:prensa|imprensa))?|notas?\s+de\s+prensa|comunicat[oi](?:\s+stampa)?|nyheter|nieuws|nachrichten)\s+(?:from|by|van|der|des|von|vom|från|fra|de|du|d['’]|da|do|dos|das|del|della|dello|dell['’]|di|dei|degli)\s*(?:(?:the|het|de|la|le|les|l['’]|el|los|las|die|der|den|il|lo)\s+|l['’])?)(?<org>\p{Lu}[\p{L}\p{N}&.'’\- ]{1,80}?)\s*(?::|$|\s[-–—|]\s)",
        RegexOptions.CultureInvariant)]
    private static partial Regex WhoseReleaseLine();

    // A person's office, which is no organisation: "Statement from the President", "Mitteilung des Bürgermeisters".
    [GeneratedRegex(@"^(?:President|Präsident(?:in)?|Président(?:e)?|Presidente|Prime\s+Minister|Minister|Ministerin|Ministre|Ministro|Secretary|Governor|Mayor|Bürgermeister(?:in)?|Maire|Sindac[oa]|Alcalde(?:sa)?|Chancellor|Kanzler(?:in)?|CEO|Chair\w*|Director|Direktor(?:in)?|Directeur|Directrice|Rector|Rektor(?:in)?|Dean|Premier|King|Queen|König(?:in)?|Koning(?:in)?|Roi|Reine)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex PersonsOffice();

    // A footer's copyright line: "© 2006 - 2024 X · Legal notice", "Copyright © 1997 X Corporation. All rights reserved.",
    // "Copyright ©, X", "© X (XY)", "(c) 2018 X AG – Alle Rechte vorbehalten". The holder ends at a separator, a bracket, a
    // sentence's end or the reserved-rights words.
    [GeneratedRegex(@"^[*_\s]{0,3}(?:©|\([cC]\)|(?i:copyright))(?:\s*(?:©|\([cC]\)))?[\s,:]*(?:(?:19|20)[0-9]{2}(?:\s*[-–—/]\s*(?:19|20)[0-9]{2})?[\s,.:]*)?(?:(?i:by)\s+)?(?<holder>\p{Lu}[^·|•\n()©,*]{1,80}?)\s*(?=$|[·|•(©,*]|\.\s|\.$|\s[-–—]\s|\s*(?i:all\s+rights|alle\s+rechte|tous\s+droits|todos\s+los\s+derechos|tutti\s+i\s+diritti|alle\s+rechten|med\s+ensamrätt|kaikki\s+oikeudet|alle\s+rettigheder|alle\s+rettigheter|direitos\s+reservados))",
        RegexOptions.CultureInvariant)]
    private static partial Regex CopyrightLine();

    // "DOE press release: ...", "Exampleshire County Council news release: ...": whose release, then its kind, then a colon or dash.
    [GeneratedRegex(@"^(?<org>\p{Lu}[\p{L}\p{N}&.'’\- ]{0,60}?)\s+(?i:(?:press|news|media)\s+(?:release|statement|advisory)|pressemitteilung|medienmitteilung|persbericht|pressmeddelande|pressemelding|communiqué)\s*(?::|\s[-–—]\s)",
        RegexOptions.CultureInvariant)]
    private static partial Regex KindAfterNameLine();

    // A word of a name, for counting a name's mentions: "FEXO", "Director-General", "Nordlicht".
    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}\-'’]{0,60}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex NameToken();

    // An honorific before a person's name: "Mr Halvorsen", "Dr. Anna Brightwell", "Prof. Example", "Frau Beispiel".
    [GeneratedRegex(@"^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Sir|Dame|Lord|Lady|Herr|Frau|Mme|Mlle|M|Sr|Sra|Dott|Dott\.ssa|Sig|Ing|Mag)\.?(?:\s|$)",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex Honorific();

    // A person's office inside a run of capitalised words: "UNDP Administrator Helen Clark", "EXA Director-General Ana Lima".
    [GeneratedRegex(@"(?<![\p{L}\-])(?:Administrator|Director(?:-General)?|Directora|Director-Generala|Secretary(?:-General)?|President|Presidente|Präsident(?:in)?|Président(?:e)?|Chair(?:man|woman|person)?|Chief\s+Executive|Commissioner|Governor|Mayor|Minister|Ministerin|Ministre|Ministro|Rector|Rektor(?:in)?|Direktor(?:in)?|Directeur|Directrice|Generaldirektor(?:in)?)(?![\p{L}\-])",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex PersonsOfficeWord();
}
