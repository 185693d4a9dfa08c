using System.Globalization;
using System.Text.RegularExpressions;
using Newsletter.Core.Releases.Parsing;

namespace Newsletter.Core.Embargoes;

/// <summary>
/// Reads embargoes as people write them: ISO 8601 (<c>2025-03-12T10:00:00+01:00</c>) and the lines press
/// releases carry (<c>EMBARGOED UNTIL 10:00 CET, 12 March 2025</c>, <c>Embargo: 00:01 GMT Wednesday 12 March 2025</c>,
/// <c>Not for release before 9 a.m. ET on March 12, 2025</c>). Strict by design: a word, number or zone it
/// does not know makes the text unreadable, so a release is held rather than published early.
/// A time without a zone is local time in the network's zone.
/// </summary>
public static partial class EmbargoText
{
    /// <summary>True when the line is an embargo notice; <paramref name="value"/> is what follows its label.</summary>
    public static bool TryMatchLine(string line, out string value)
    {
        value = string.Empty;
        var text = line.Trim();
        if (text.Length is 0 or > 200)
        {
            return false;
        }

        var m = EmbargoLine().Match(text);
        if (!m.Success)
        {
            return false;
        }

        value = m.Groups["value"].Value.Trim();
        // A bare "Embargo ..." must be followed by a colon or a time, so "Embargo on exports" is prose, not a notice.
        return m.Groups["link"].Success || m.Groups["colon"].Success || value.Length == 0 || char.IsAsciiDigit(value[0]);
    }

    /// <summary>Reads an embargo value; local times are in <paramref name="zone"/>.</summary>
    public static EmbargoReading Read(string? value, TimeZoneInfo zone)
    {
        var text = Spaces().Replace(value ?? string.Empty, " ").Trim().TrimEnd('.').Replace('−', '-');
        if (text.Length == 0)
        {
            return EmbargoReading.Unreadable("it names an embargo but no time");
        }

        if (text.Length > 200)
        {
            return EmbargoReading.Unreadable("the embargo is over 200 characters");
        }

        if (NoEmbargo().IsMatch(text))
        {
            return EmbargoReading.NoEmbargo;
        }

        if (IsoWithOffset().IsMatch(text))
        {
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var exact)
                ? EmbargoReading.Moment(exact)
                : EmbargoReading.Unreadable($"'{Shown(text)}' is not a real moment");
        }

        if (IsoLocal().IsMatch(text))
        {
            return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
                ? ZoneTime.FromLocal(local, zone)
                : EmbargoReading.Unreadable($"'{Shown(text)}' is not a real date and time");
        }

        return ReadWords(text, zone);
    }

    private static EmbargoReading ReadWords(string text, TimeZoneInfo zone)
    {
        var rest = text;
        var dates = DateFinder.FindSpans(rest).ToList();
        if (dates.Select(d => d.Date).Distinct().Count() != 1)
        {
            return EmbargoReading.Unreadable(dates.Count == 0
                ? $"'{Shown(text)}' names no date with its year"
                : $"'{Shown(text)}' names more than one date");
        }

        var date = dates[0].Date;
        rest = Blank(rest, dates.Select(d => (d.Index, d.Length)));

        if (!TryTakeZone(ref rest, out var offset, out var named, out var zoneProblem))
        {
            return EmbargoReading.Unreadable(zoneProblem!);
        }

        var times = Clock().Matches(rest).Where(m => m.Value.Trim().Length > 0).ToList();
        if (times.Count > 1)
        {
            return EmbargoReading.Unreadable($"'{Shown(text)}' names more than one time");
        }

        var time = TimeOnly.MinValue;
        if (times.Count == 1)
        {
            if (!TryReadClock(times[0], out time))
            {
                return EmbargoReading.Unreadable($"'{Shown(times[0].Value)}' is not a time of day");
            }

            rest = Blank(rest, [(times[0].Index, times[0].Length)]);
        }

        foreach (Match word in Word().Matches(rest))
        {
            var token = word.Value.ToLowerInvariant();
            if (Weekdays.TryGetValue(token, out var weekday))
            {
                if (weekday != date.DayOfWeek)
                {
                    return EmbargoReading.Unreadable($"{date:d MMMM yyyy} is a {date.DayOfWeek}, not a {weekday}");
                }

                continue;
            }

            if (!Filler.Contains(token))
            {
                return EmbargoReading.Unreadable(token.Any(char.IsDigit)
                    ? $"the number '{Shown(word.Value)}' in '{Shown(text)}' is not part of a date or time this system reads"
                    : $"'{Shown(word.Value)}' in '{Shown(text)}' is not a date, time or time zone this system knows");
            }
        }

        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return offset is { } fixedOffset
            ? EmbargoReading.Moment(new DateTimeOffset(local, fixedOffset))
            : ZoneTime.FromLocal(local, named ?? zone);
    }

    /// <summary>Finds at most one zone (an abbreviation, a name, an offset) and blanks it out of the text.</summary>
    private static bool TryTakeZone(ref string text, out TimeSpan? offset, out TimeZoneInfo? named, out string? problem)
    {
        offset = null;
        named = null;
        problem = null;
        var found = new List<(int Index, int Length, string Key)>();
        foreach (var regex in new[] { ZoneName(), ZoneOffset(), BareOffset(), ZoneAbbreviation() })
        {
            foreach (Match m in regex.Matches(text))
            {
                if (!found.Any(f => m.Index < f.Index + f.Length && f.Index < m.Index + m.Length))
                {
                    found.Add((m.Index, m.Length, m.Value));
                }
            }
        }

        if (found.Count == 0)
        {
            return true;
        }

        var zones = found.Select(f => ZoneOf(f.Key)).ToList();
        if (zones.Any(z => z is null) || zones.Distinct().Count() > 1)
        {
            problem = found.Count > 1 ? $"'{Shown(text)}' names more than one time zone" : $"the time zone '{Shown(found[0].Key)}' is not one this system knows";
            return false;
        }

        text = Blank(text, found.Select(f => (f.Index, f.Length)));
        var zone = zones[0]!;
        if (zone.StartsWith("offset:", StringComparison.Ordinal))
        {
            offset = TimeSpan.Parse(zone["offset:".Length..], CultureInfo.InvariantCulture);
            if (offset.Value.Duration() > TimeSpan.FromHours(14))
            {
                problem = $"the offset '{Shown(found[0].Key)}' is more than 14 hours";
                return false;
            }
        }
        else if (zone != "local")
        {
            named = TimeZoneInfo.FindSystemTimeZoneById(zone);
        }

        return true;
    }

    /// <summary>"offset:hh:mm", an IANA zone id, "local", or null for a zone this system does not know.</summary>
    private static string? ZoneOf(string written)
    {
        var key = Spaces().Replace(written.Trim(), " ");
        var sign = SignedOffset().Match(key);
        if (sign.Success)
        {
            var hours = int.Parse(sign.Groups["h"].Value, CultureInfo.InvariantCulture);
            var minutes = sign.Groups["m"].Success ? int.Parse(sign.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
            var value = new TimeSpan(hours, minutes, 0);
            return "offset:" + (sign.Groups["sign"].Value == "-" ? "-" : string.Empty) + value.ToString(@"hh\:mm", CultureInfo.InvariantCulture);
        }

        return Zones.TryGetValue(key, out var zone) ? zone : null;
    }

    private static bool TryReadClock(Match m, out TimeOnly time)
    {
        time = default;
        if (m.Groups["word"].Success)
        {
            time = m.Groups["word"].Value.Equals("midnight", StringComparison.OrdinalIgnoreCase) ? TimeOnly.MinValue : new TimeOnly(12, 0);
            return true;
        }

        var hour = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = m.Groups["m"].Success ? int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        if (m.Groups["ap"].Success)
        {
            if (hour is < 1 or > 12)
            {
                return false;
            }

            var pm = m.Groups["ap"].Value.StartsWith('p') || m.Groups["ap"].Value.StartsWith('P');
            hour = (hour % 12) + (pm ? 12 : 0);
        }

        if (hour > 23 || minute > 59)
        {
            return false;
        }

        time = new TimeOnly(hour, minute);
        return true;
    }

    private static string Blank(string text, IEnumerable<(int Index, int Length)> spans)
    {
        var chars = text.ToCharArray();
        foreach (var (index, length) in spans)
        {
            Array.Fill(chars, ' ', index, length);
        }

        return new string(chars);
    }

    private static string Shown(string text) => TextCleaner.SingleLine(text, 80);

    private static readonly Dictionary<string, DayOfWeek> Weekdays = BuildWeekdays();

    private static Dictionary<string, DayOfWeek> BuildWeekdays()
    {
        var days = new Dictionary<string, DayOfWeek>(StringComparer.Ordinal);
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            var name = day.ToString().ToLowerInvariant();
            days[name] = day;
            days[name[..3]] = day;
        }

        days["tues"] = DayOfWeek.Tuesday;
        days["weds"] = DayOfWeek.Wednesday;
        days["thur"] = DayOfWeek.Thursday;
        days["thurs"] = DayOfWeek.Thursday;
        return days;
    }

    /// <summary>Words an embargo may carry around its date, time and zone without changing them.</summary>
    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal)
    {
        "until", "till", "til", "before", "to", "at", "on", "the", "of", "and", "from", "hrs", "hr", "hours", "h", "uhr", "o'clock",
        "embargo", "embargoed", "lifts", "lifted", "ends", "is", "date", "time", "strictly",
    };

    /// <summary>Zone names and abbreviations: a fixed offset where the name fixes one, else the IANA zone.</summary>
    private static readonly Dictionary<string, string> Zones = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UTC"] = "offset:00:00", ["GMT"] = "offset:00:00", ["UT"] = "offset:00:00", ["Z"] = "offset:00:00",
        ["Coordinated Universal Time"] = "offset:00:00", ["Greenwich Mean Time"] = "offset:00:00",
        ["WET"] = "offset:00:00", ["WEST"] = "offset:01:00", ["BST"] = "offset:01:00", ["British Summer Time"] = "offset:01:00",
        ["CET"] = "offset:01:00", ["MEZ"] = "offset:01:00", ["Central European Time"] = "offset:01:00", ["Central European Standard Time"] = "offset:01:00",
        ["CEST"] = "offset:02:00", ["MESZ"] = "offset:02:00", ["Central European Summer Time"] = "offset:02:00",
        ["EET"] = "offset:02:00", ["EEST"] = "offset:03:00",
        ["EST"] = "offset:-05:00", ["Eastern Standard Time"] = "offset:-05:00", ["EDT"] = "offset:-04:00", ["Eastern Daylight Time"] = "offset:-04:00",
        ["ET"] = "America/New_York", ["Eastern Time"] = "America/New_York", ["US Eastern Time"] = "America/New_York",
        ["PST"] = "offset:-08:00", ["PDT"] = "offset:-07:00", ["PT"] = "America/Los_Angeles", ["Pacific Time"] = "America/Los_Angeles",
        ["UK time"] = "Europe/London", ["London time"] = "Europe/London", ["Brussels time"] = "Europe/Brussels",
        ["Paris time"] = "Europe/Paris", ["Berlin time"] = "Europe/Berlin", ["local time"] = "local",
    };

    [GeneratedRegex(@"^[\s*_\[(>#-]*(?:strictly\s+)?(?:(?:under\s+)?embargo(?:ed)?(?<link>\s+(?:until|till|before|to|lifts?(?:\s+at|\s+on)?|ends?|date|time|expires?))?|(?<link>not\s+for\s+(?:release|publication|broadcast|distribution)(?:\s*(?:,|or|and)\s*\w+)?\s+(?:until|before))|(?<link>sperrfrist))\s*(?<colon>[:–—-])?\s*(?<value>.*?)[\s*_\])]*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EmbargoLine();

    [GeneratedRegex(@"^(?:none|no|no embargo|n/?a|-+|immediate(?:ly)?|(?:for )?immediate release|not embargoed)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NoEmbargo();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?\s*(?:Z|[+-]\d{2}:?\d{2})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IsoWithOffset();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoLocal();

    [GeneratedRegex(@"\b(?:coordinated universal|greenwich mean|british summer|central european(?: standard| summer)?|eastern(?: standard| daylight)?|us eastern|pacific|uk|london|brussels|paris|berlin|local) time\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ZoneName();

    [GeneratedRegex(@"\b(?:UTC|GMT|UT)\s*[+-]\s*\d{1,2}(?::?\d{2})?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ZoneOffset();

    [GeneratedRegex(@"(?<![\w:.])[+-]\d{2}:?\d{2}\b", RegexOptions.CultureInvariant)]
    private static partial Regex BareOffset();

    // Upper case only: "et" is a word in French, "at" and "est" elsewhere.
    [GeneratedRegex(@"\b(?:UTC|GMT|UT|Z|CEST|CET|MESZ|MEZ|WEST|WET|BST|EEST|EET|EST|EDT|ET|PST|PDT|PT|[A-Z]{2,5}T)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ZoneAbbreviation();

    [GeneratedRegex(@"^(?:UTC|GMT|UT)?\s*(?<sign>[+-])\s*(?<h>\d{1,2}):?(?<m>\d{2})?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SignedOffset();

    [GeneratedRegex(@"(?<![\w:.])(?:(?<h>\d{1,2})(?:[:.h](?<m>\d{2}))?\s*(?<ap>[ap]\.?\s?m\b\.?)|(?<h>\d{1,2})[:.h](?<m>\d{2})(?![\d:.]*\d)|(?<word>noon|midday|midnight))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Clock();

    [GeneratedRegex(@"[\p{L}\p{N}']+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
