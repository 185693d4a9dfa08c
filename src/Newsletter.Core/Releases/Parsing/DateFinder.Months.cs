namespace Newsletter.Core.Releases.Parsing;

/// <summary>The names of the months the date shapes read, with their usual abbreviations and the forms a date takes.</summary>
public static partial class DateFinder
{
    // English, German, French, Dutch, Swedish, Danish, Norwegian, Spanish, Catalan, Italian, Portuguese.
    private static readonly string[] WesternNames =
    [
        "january jan januar jänner jaenner janvier janv januari enero ene gennaio genn janeiro gener",
        "february feb februar février fevrier févr fevr februari febrero febbraio fevereiro fev febrer",
        "march mar märz maerz mär mrz mars maart mrt marts marzo março marco març",
        "april apr avril abril aprile abr",
        "may mai mei maj mayo maggio mag maio maig",
        "june jun juni juin junio giugno giu junho juny",
        "july jul juli juillet juil julio luglio lug julho juliol",
        "august aug août aout augustus augusti agosto ago agost",
        "september sep sept septembre septiembre setiembre settembre set setembro setembre",
        "october oct oktober okt octobre octubre ottobre ott outubro",
        "november nov novembre noviembre novembro",
        "december dec dezember dez décembre decembre déc diciembre dic dicembre dezembro desember desembre",
    ];

    // Polish, Czech, Slovak, Slovenian, Croatian, Serbian, Hungarian, Romanian, Latvian, Lithuanian, Estonian, Finnish,
    // Icelandic, Galician, Turkish, Indonesian and Malay, Ukrainian, Russian, Bulgarian, Greek: the name and the forms a date
    // writes it in ("4 жовтня", "26. júna", "1. septembrī", "rugsėjo 9 d.", "9. syyskuuta"). Croatian "listopad" is
    // October and Polish "listopad" November: that name and its genitive are left out, so neither is misread.
    private static readonly string[] MoreNames =
    [
        "styczeń stycznia leden ledna január januára januar januarja siječanj siječnja ianuarie janvāris janvārī janvāra sausis sausio jaanuar jaanuaril tammikuu tammikuuta janúar xaneiro ocak januari janvier січень січня январь января януари ιανουαρίου ιανουάριος",
        "luty lutego únor února február februára februar februarja veljača veljače februarie februāris februārī februāra vasaris vasario veebruar veebruaril helmikuu helmikuuta febrúar febr febreiro şubat subat лютий лютого февраль февраля февруари φεβρουαρίου φεβρουάριος",
        "marzec marca březen března marec ožujak ožujka mart március márc martie marts martā marta kovas kovo märts märtsil maaliskuu maaliskuuta maret mac березень березня март марта μαρτίου μάρτιος",
        "kwiecień kwietnia duben dubna apríl apríla aprila travanj travnja április ápr aprilie aprīlis aprīlī aprīļa balandis balandžio aprill aprillil huhtikuu huhtikuuta nisan квітень квітня апрель апреля април απριλίου απρίλιος",
        "maja květen května máj mája svibanj svibnja május maijs maijā maija gegužė gegužės toukokuu toukokuuta maí maio mayıs mayis травень травня май мая μαΐου μάιος",
        "czerwiec czerwca červen června jún júna junij junija lipanj lipnja június jún iunie jūnijs jūnijā jūnija birželis birželio juuni juunil kesäkuu kesäkuuta júní xuño haziran червень червня июнь июня юни ιουνίου ιούνιος",
        "lipiec lipca červenec července júl júla julij julija srpanj srpnja július júl iulie jūlijs jūlijā jūlija liepa liepos juuli juulil heinäkuu heinäkuuta júlí xullo temmuz julai липень липня июль июля юли ιουλίου ιούλιος",
        "sierpień sierpnia srpen srpna augusta avgust avgusta kolovoz kolovoza augusztus augusts augustā rugpjūtis rugpjūčio augustil elokuu elokuuta ágúst ağustos agustos agustus ogos серпень серпня августа август αυγούστου αύγουστος",
        "wrzesień września září septembra rujan rujna septembar szeptember szept septembrie septembris septembrī rugsėjis rugsėjo septembril syyskuu syyskuuta eylül eylul вересень вересня сентябрь сентября септември σεπτεμβρίου σεπτέμβριος",
        "październik października říjen října október októbra oktobra oktobar okt október octombrie oktobris oktobrī spalis spalio oktoober oktoobril lokakuu lokakuuta outubro ekim oktober жовтень жовтня октябрь октября октомври οκτωβρίου οκτώβριος",
        "listopadu novembra studeni studenoga studenog novembar noiembrie novembris novembrī lapkritis lapkričio novembril marraskuu marraskuuta nóvember novembro kasım kasim листопад листопада ноябрь ноября ноември νοεμβρίου νοέμβριος",
        "grudzień grudnia prosinec prosince decembra prosinac prosinca decembar decembrie decembris decembrī gruodis gruodžio detsember detsembril joulukuu joulukuuta desember decembro aralık aralik disember desember грудень грудня декабрь декабря декември δεκεμβρίου δεκέμβριος",
    ];

    private static readonly Dictionary<string, int> Months = BuildMonths();

    /// <summary>The western languages' names alone: a word of a headline that is one of them reads as a date's word.</summary>
    private static readonly HashSet<string> WesternMonths = [.. WesternNames.SelectMany(n => n.Split(' ', StringSplitOptions.RemoveEmptyEntries))];

    private static Dictionary<string, int> BuildMonths()
    {
        var months = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var names in new[] { WesternNames, MoreNames })
        {
            for (var i = 0; i < names.Length; i++)
            {
                foreach (var name in names[i].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    // A western name keeps its month where another language spells a different one the same way.
                    months.TryAdd(name.ToLowerInvariant(), i + 1);
                }
            }
        }

        return months;
    }
}
