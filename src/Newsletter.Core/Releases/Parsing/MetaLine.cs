using System.Globalization;
using System.Text.RegularExpressions;
using Newsletter.Core.Embargoes;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>
/// The republisher's line under a title, e.g. <c>11 Dec 2019 | Network Updates | Update from University College London</c>,
/// and single labelled lines such as <c>Date: 11 December 2019</c> or <c>Organisation: UCL</c>.
/// </summary>
internal static partial class MetaLine
{
    public static bool TryRead(string line, ReleaseDraft draft)
    {
        var text = line.Trim();
        if (text.Length is 0 or > 300)
        {
            return false;
        }

        if (EmbargoText.TryMatchLine(text, out var embargo))
        {
            draft.AddEmbargoLine(embargo);
            return true;
        }

        var labelled = Labelled().Match(text);
        if (labelled.Success)
        {
            var value = labelled.Groups["value"].Value.Trim();
            switch (labelled.Groups["label"].Value.ToLowerInvariant())
            {
                case "organisation" or "organization" or "member" or "update from":
                    draft.Organisation ??= value;
                    return true;
                default:
                    if (DateFinder.TryParseValue(value, out var date, out _))
                    {
                        draft.AddDate(date, DateSource.MetaLine);
                        if (DateFinder.ReadsBothWays(value, date))
                        {
                            draft.BothWays.Add(date);
                        }

                        return true;
                    }

                    return false;
            }
        }

        // A line that says whose release this is: ":: Nota de prensa de la Universidad de Extremadura. 26/06/2014 ::".
        var pressRelease = PressReleaseOf().Match(text);
        if (pressRelease.Success && TextCleaner.CountWords(pressRelease.Groups["org"].Value) <= 10)
        {
            draft.AddDate(DateFinder.FindFirst(pressRelease.Groups["date"].Value), DateSource.MetaLine);
            draft.Organisation ??= pressRelease.Groups["org"].Value.Trim();
            return true;
        }

        // A republisher's index line: "12 July, 2004 - Karolinska Institutet".
        var dated = DateThenOrganisation().Match(text);
        if (dated.Success && DateFinder.FindFirst(dated.Groups["date"].Value) is { } when
            && OrganisationNames.LooksLikeOrganisation(dated.Groups["org"].Value) && TextCleaner.CountWords(dated.Groups["date"].Value) <= 6
            && TextCleaner.CountWords(dated.Groups["org"].Value) <= 8 && !dated.Groups["org"].Value.Contains(',', StringComparison.Ordinal)
            && !dated.Groups["org"].Value.TrimEnd().EndsWith('.'))
        {
            draft.AddDate(when, DateSource.MetaLine);
            draft.Organisation ??= dated.Groups["org"].Value.Trim();
            return true;
        }

        if ((DateOnlyLine(text) ?? DayFirstLine(text, draft.Language)) is { } only)
        {
            draft.AddDate(only, DateSource.MetaLine);
            draft.BareDateLines.Add(only);
            return true;
        }

        if (NumericDateLine(text, out var bothWays) is { } numeric)
        {
            draft.AddDate(numeric, DateSource.MetaLine);
            draft.BareDateLines.Add(numeric);
            if (bothWays)
            {
                draft.BothWays.Add(numeric);
            }

            return true;
        }

        if (text.Length <= 8 && DateFinder.TryParseShortYear(text) is { } shortYear)
        {
            draft.AddDate(shortYear, DateSource.MetaLine);
            return true;
        }

        var segments = text.Split(" | ", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2)
        {
            return false;
        }

        DateOnly? found = null;
        string? organisation = null;
        foreach (var segment in segments)
        {
            var from = UpdateFrom().Match(segment);
            if (from.Success)
            {
                organisation = from.Groups["org"].Value.Trim();
            }
            else if (segment.Length <= 40 && DateFinder.FindFirst(segment) is { } date)
            {
                found ??= date;
            }
        }

        if (found is null && organisation is null)
        {
            return false;
        }

        draft.AddDate(found, DateSource.MetaLine);
        if (!string.IsNullOrWhiteSpace(organisation))
        {
            draft.Organisation ??= organisation;
        }

        return true;
    }

    /// <summary>
    /// The date of a line that is only a date: "Wednesday, 11 December 2019", a newspaper's "28.02.13", or a wire's date with
    /// its clock time and time zone ("27 juil. 2016 11:45 AM Heure Avancée de l’Est", "July 27, 2016 11:45 AM Eastern Daylight
    /// Time", "27.07.2016 um 11:45 Uhr MESZ"). In running text (<paramref name="inText"/>) a labelled time ("Zeit: Montag, den
    /// 19.08.2019 10.00 Uhr", "When: ...") is an event's, so no label may stand before the date.
    /// </summary>
    public static DateOnly? DateOnlyLine(string line, bool inText = false)
    {
        var text = line.Trim();
        if (inText && DateFinder.FindSpans(text).FirstOrDefault() is { Length: > 0 } first && text[..first.Index].Contains(':', StringComparison.Ordinal))
        {
            return null;
        }

        if (text.Length <= 45 && text.Split(' ').Length <= 6 && DateFinder.FindFirst(text) is { } only)
        {
            return only;
        }

        var timed = DateAndTime().Match(text);
        return timed.Success && text.Length <= 90 && TextCleaner.CountWords(timed.Groups["date"].Value) <= 5
            ? DateFinder.FindFirst(timed.Groups["date"].Value)
            : null;
    }

    /// <summary>
    /// The date of a line that stands beside the headline as its date line: only a date ("11 December 2013", "March 29, 2013
    /// (JST)"), a place and a date ("Bruxelles, 4 avril 2019"), or a labelled publication date ("Publicado el 3 de septiembre
    /// de 2020"), but no other label's ("When: 3 May 2021"). On a page whose language writes the day first, a numeric date
    /// that reads both ways is read day first.
    /// </summary>
    public static DateOnly? DateLine(string line, string? language)
    {
        var text = line.Trim();
        if (text.Length is 0 or > 80)
        {
            return null;
        }

        var labelled = Labelled().Match(text);
        if (labelled.Success)
        {
            return labelled.Groups["label"].Value.ToLowerInvariant() is not ("organisation" or "organization" or "member" or "update from")
                && DateFinder.TryParseValue(labelled.Groups["value"].Value, out var date, out _) ? date : null;
        }

        return DateOnlyLine(text, inText: true) ?? DateFinder.FindPlaceAndDateLine(text) ?? DayFirstLine(text, language) ?? NumericDateLine(text, out _);
    }

    /// <summary>
    /// A line that is a numeric date alone, with a slash or a dash, maybe its time: a letterhead's "1/11/94", a page's "09/05/2023 -
    /// 09:13", "23-12-1998". A day over 12 settles the order; a date that reads both ways is read month first and <paramref
    /// name="bothWays"/> set, for the page's own dates and language to settle. A two-digit year is of the last century from 70.
    /// </summary>
    internal static DateOnly? NumericDateLine(string text, out bool bothWays)
    {
        bothWays = false;
        var m = text.Length <= 30 ? NumericDate().Match(text.Trim()) : Match.Empty;
        if (!m.Success)
        {
            return null;
        }

        var (a, b) = (int.Parse(m.Groups["a"].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups["b"].Value, CultureInfo.InvariantCulture));
        var year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
        year = m.Groups["y"].Length == 2 ? (year < 70 ? 2000 + year : 1900 + year) : year;
        var (month, day) = a > 12 ? (b, a) : (a, b);
        if (year is < 1900 or > 2100 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return null;
        }

        bothWays = a <= 12 && b <= 12 && a != b;
        return new DateOnly(year, month, day);
    }

    // "1/11/94", "09/05/2023 - 09:13", "23-12-1998, 10:30": the same separator twice, a year of two or four digits, a time after it.
    [GeneratedRegex(@"^(?<a>[0-9]{1,2})(?<s>[/\-])(?<b>[0-9]{1,2})\k<s>(?<y>[0-9]{4}|[0-9]{2})(?:\s*[-–,|]?\s*[0-9]{1,2}[:.][0-9]{2}(?:\s*[ap]\.?m\.?)?)?$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 250)]
    private static partial Regex NumericDate();

    // "(03-09-2020)" on a Dutch page is 3 September: only a short line that is the date, on a page that is not in English.
    private static DateOnly? DayFirstLine(string text, string? language) =>
        language is { Length: > 0 } and not "en" && text.Length <= 20 && !text.Any(char.IsLetter) ? DateFinder.FindDayFirst(text) : null;

    // A label naming the release's publication date, its words either way round ("Date published", "Publication date",
    // "Erscheinungsdatum"): the one list the labelled line below and a paragraph's publication label (ReleaseFinisher) both read.
    internal const string PublicationDateLabels = @"date\s+published|publication\s+date|date\s+of\s+publication|fecha\s+de\s+publicaci[óo]n|date\s+de\s+publication|erscheinungsdatum|ver[öo]ffentlichungsdatum|datum\s+objave|data\s+publikacji|datum\s+zve[řr]ejn[ěe]n[íi]|data\s+public[ăa]rii|julkaisup[äa]iv[äa]";

    [GeneratedRegex(@"^(?<label>" + PublicationDateLabels + @"|date|published(?: on)?|public release|release date|released|posted(?: on)?|datum|veröffentlicht(?: am)?|publié le|gepubliceerd(?: op)?|publicerad|publicerat|publisert|publiceret|publicado(?: el| em)?|pubblicato(?: il)?|organisation|organization|member|update from)\s*:?\s+(?<value>.{2,200})$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Labelled();

    // "Press release from X", "Pressemitteilung der X", "Communiqué de presse de X", "Persbericht van X", "Nota de prensa de X",
    // "Comunicato stampa di X", "Pressmeddelande från X", with the date after it.
    [GeneratedRegex(@"^[:*|\s\-]*(?i:press\s+release|news\s+release|media\s+release|pressemitteilung|presseinformation|communiqué\s+de\s+presse|persbericht|pressmeddelande|nota\s+de\s+prensa|comunicado\s+de\s+prensa|comunicato\s+stampa)(?:\s*\([^)]{1,40}\))?\s+(?i:from\s+the|from|of\s+the|of|by\s+the|by|der|des|von\s+der|von|de\s+la|de\s+l'|del|de|du|van\s+de|van\s+het|van|från|della|dell'|di)\s*(?<org>\p{Lu}[^.:|]{1,120}?)\s*(?:(?:[.,|–—]|\s(?i:vom|du|of|from|dated|del|van|den))\s*(?<date>[^:|]{6,40}?))?[\s:*|\-]*$",
        RegexOptions.CultureInvariant)]
    private static partial Regex PressReleaseOf();

    [GeneratedRegex(@"^(?<date>[^|]{6,40}?)\s+[-–—]\s+(?<org>\p{Lu}[^|]{1,100})$", RegexOptions.CultureInvariant)]
    private static partial Regex DateThenOrganisation();

    [GeneratedRegex(@"^(?<date>[^|:]{6,30}?),?\s+(?:(?:um|at|à|a\s+las|alle|om|kl\.?|klo)\s+)?\d{1,2}[:.h]\d{2}(?:\s*(?:[ap]\.?\s?m\.?|uhr|h))?(?:\s+[\p{L}’'.()+\-\d/]+){0,6}$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DateAndTime();

    [GeneratedRegex(@"^(an )?update from\s+(?<org>.{2,150})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UpdateFrom();
}
