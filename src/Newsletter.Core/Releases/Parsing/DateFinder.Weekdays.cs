using System.Globalization;
using System.Text.RegularExpressions;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>A weekday written before a numeric date settles which of its two readings is meant.</summary>
public static partial class DateFinder
{
    private static readonly Dictionary<string, DayOfWeek> Weekdays = BuildWeekdays();

    /// <summary>
    /// "Thu, 11/09/2025" could be 11 September or 9 November; only one of them is a Thursday. Reads an ambiguous
    /// numeric date (both numbers 12 or less) by the weekday written right before it, in the languages the months are
    /// read in; null when no weekday stands there, or it fits neither reading or both.
    /// </summary>
    private static DateOnly? ByWeekday(string text, int index, string year, int first, int second)
    {
        var before = WeekdayBefore().Match(text[Math.Max(0, index - 24)..index]);
        // A two-letter abbreviation ("Do", "Mi", "so") counts only with its full stop or comma: as a bare word it may be a word of the sentence.
        if (!before.Success || !Weekdays.TryGetValue(before.Groups["w"].Value.ToLowerInvariant(), out var weekday)
            || (before.Groups["w"].Length == 2 && !before.Value.Contains('.', StringComparison.Ordinal) && !before.Value.Contains(',', StringComparison.Ordinal)))
        {
            return null;
        }

        var day = first.ToString(CultureInfo.InvariantCulture);
        var month = second.ToString(CultureInfo.InvariantCulture);
        DateOnly? dayFirst = TryCreate(year, second, day, out var a) && a.DayOfWeek == weekday ? a : null;
        DateOnly? monthFirst = TryCreate(year, first, month, out var b) && b.DayOfWeek == weekday ? b : null;
        return (dayFirst, monthFirst) switch
        {
            ({ } only, null) => only,
            (null, { } only) => only,
            _ => null,
        };
    }

    /// <summary>
    /// A weekday's full name ("Monday", "lundi", "martedì"), in the languages the months are read in; never a short form,
    /// which may be a word of the sentence ("man", "Sun").
    /// </summary>
    internal static bool IsWeekdayName(string word) => word.Length >= 5 && Weekdays.ContainsKey(word.ToLowerInvariant());

    private static Dictionary<string, DayOfWeek> BuildWeekdays()
    {
        var names = new (DayOfWeek Day, string Names)[]
        {
            // English, German, French, Dutch, Swedish, Danish and Norwegian, Spanish, Catalan, Italian, Portuguese, with the usual abbreviations.
            (DayOfWeek.Monday, "monday mon montag mo lundi lun maandag ma måndag mån mandag man lunes dilluns lunedì lunedi segunda"),
            (DayOfWeek.Tuesday, "tuesday tue tues dienstag di mardi mar dinsdag tisdag tis tirsdag tir martes dimarts martedì martedi terça terca"),
            (DayOfWeek.Wednesday, "wednesday wed mittwoch mi mercredi mer woensdag wo onsdag ons miércoles miercoles dimecres mercoledì mercoledi quarta"),
            (DayOfWeek.Thursday, "thursday thu thur thurs donnerstag do jeudi jeu donderdag torsdag tor jueves dijous giovedì giovedi quinta"),
            (DayOfWeek.Friday, "friday fri freitag fr vendredi ven vrijdag vr fredag fre viernes divendres venerdì venerdi sexta"),
            (DayOfWeek.Saturday, "saturday sat samstag sonnabend sa samedi sam zaterdag za lördag lör lørdag lør sábado sabado dissabte sabato"),
            (DayOfWeek.Sunday, "sunday sun sonntag so dimanche dim zondag zo söndag sön søndag søn domingo diumenge domenica"),
        };
        var weekdays = new Dictionary<string, DayOfWeek>(StringComparer.Ordinal);
        foreach (var (day, list) in names)
        {
            foreach (var name in list.Split(' '))
            {
                weekdays.TryAdd(name, day);
            }
        }

        return weekdays;
    }

    // The weekday right before the date: "Thu, ", "jeudi ", "Mi., ", "(Tue) ".
    [GeneratedRegex(@"(?<![\p{L}])(?<w>\p{L}{2,10})\.?\)?,?\s{0,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex WeekdayBefore();
}
