using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Newsletter.Core.Subscriptions.Transfer;

/// <summary>One good row of a readers CSV file: where it is, the address, the reader's choices and the consent evidence it brings.</summary>
public sealed record ReaderCsvRow(int Line, EmailAddress Address, ReaderChoices Choices, ImportedConsent? Consent);

/// <summary>What is wrong with a file or one of its rows; <see cref="Line"/> 0 is the file as a whole.</summary>
public sealed record ReaderCsvProblem(int Line, string Message)
{
    public override string ToString() => Line == 0 ? Message : $"line {Line}: {Message}";
}

/// <summary>
/// A readers CSV file read and checked whole: its good rows, and its problems (at most <see cref="ReaderCsv.MaxProblemsKept"/>
/// of them kept, <see cref="ProblemCount"/> counts all). A file with any problem is imported not at all.
/// </summary>
public sealed record ReaderCsvFile(IReadOnlyList<ReaderCsvRow> Rows, IReadOnlyList<ReaderCsvProblem> Problems, int ProblemCount)
{
    public bool IsValid => ProblemCount == 0;
}

/// <summary>
/// The readers CSV format, read and written with CsvHelper: comma-separated, a header row naming the columns (in any
/// order, any case), UTF-8 (with or without BOM) or UTF-16 with its BOM, CRLF or LF, fields in double quotes where
/// they hold commas, quotes or line breaks. Only <c>email</c> is required. A cell the export escaped against formula
/// injection (a leading apostrophe) is read back without it.
/// </summary>
public static class ReaderCsv
{
    public const string Email = "email";
    public const string Name = "name";
    public const string Topics = "topics";
    public const string Frequency = "frequency";
    public const string Paused = "paused";
    public const string ConsentedAt = "consented_at";
    public const string ConsentSource = "consent_source";
    public const string PrivacyNotice = "privacy_notice_version";

    /// <summary>Columns the export writes that an import reads past (they describe this system's own records).</summary>
    public const string SignedUpAt = "signed_up_at";
    public const string ConfirmedAt = "confirmed_at";
    public const string FormVersion = "form_version";

    /// <summary>The largest file the console and the CLI take (about 200,000 readers); a larger one is refused before it is read.</summary>
    public const long MaxFileBytes = 16L * 1024 * 1024;

    public const int MaxProblemsKept = 200;
    public const int MaxSourceLength = 200;

    /// <summary>The columns an import understands, in the order the export writes them.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        [Email, Name, Topics, Frequency, Paused, ConsentedAt, ConsentSource, PrivacyNotice, SignedUpAt, ConfirmedAt, FormVersion];

    /// <summary>Between topics in the <c>topics</c> cell.</summary>
    public const char TopicSeparator = ';';

    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan EarliestZone = TimeSpan.FromHours(14);

    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mmK", "yyyy-MM-dd HH:mm:ssK",
    ];

    /// <summary>
    /// The settings both directions share. Writing, a cell that starts with = + - @ tab, CR or an apostrophe gets an
    /// apostrophe before it (and quotes), so a spreadsheet shows it as text instead of running it as a formula; so does one
    /// that starts with the full-width forms of = + - @, which spreadsheets in East Asian locales read as formulas too.
    /// </summary>
    public static CsvConfiguration Configuration(Action<BadDataFoundArgs>? badData = null) => new(CultureInfo.InvariantCulture)
    {
        HasHeaderRecord = true,
        IgnoreBlankLines = true,
        TrimOptions = TrimOptions.Trim,
        MissingFieldFound = null,
        HeaderValidated = null,
        BadDataFound = badData is null ? null : args => badData(args),
        InjectionOptions = InjectionOptions.Escape,
        InjectionCharacters = ['=', '@', '+', '-', '\t', '\r', '\'', '\uFF1D', '\uFF20', '\uFF0B', '\uFF0D'],
        InjectionEscapeCharacter = '\'',
    };

    /// <summary>Reads and checks a whole file; nothing is stored. <paramref name="topics"/> are the configured topics.</summary>
    public static ReaderCsvFile Read(ReadOnlySpan<byte> content, IReadOnlyList<string> topics, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(topics);
        var problems = new Problems();
        if (Decode(content, problems) is not { } text)
        {
            return problems.File([]);
        }

        var rows = new List<ReaderCsvRow>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var badQuote = false;
        using var reader = new StringReader(text);
        using var csv = new CsvReader(reader, Configuration(_ => badQuote = true));
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header)
        {
            problems.Add(0, "The file is empty: it needs a header row naming its columns (at least 'email') and a row per reader.");
            return problems.File([]);
        }

        if (Header(header, problems) is not { } columns)
        {
            return problems.File([]);
        }

        while (csv.Read())
        {
            var line = StartLine(csv.Parser);
            // Fields are parsed when first read: read them all before asking whether one was bad.
            var record = csv.Parser.Record!;
            if (badQuote)
            {
                badQuote = false;
                problems.Add(line, "a double quote inside a field that is not wholly in double quotes (write the field as \"...\" and double any quote in it)");
                continue;
            }

            if (csv.Parser.Count != header.Length)
            {
                problems.Add(line, $"{csv.Parser.Count} fields where the header has {header.Length} (a value holding a comma must be in double quotes)");
                continue;
            }

            if (Row(line, record, columns, topics, now, problems) is not { } row)
            {
                continue;
            }

            if (seen.TryGetValue(row.Address.Key, out var first))
            {
                problems.Add(line, $"duplicate row: the address {row.Address.Address} is on line {first} already");
                continue;
            }

            seen[row.Address.Key] = line;
            rows.Add(row);
        }

        if (rows.Count == 0 && problems.Count == 0)
        {
            problems.Add(0, "The file has a header row but no readers below it.");
        }

        return problems.File(rows);
    }

    /// <summary>Takes off the apostrophe the export put before a cell a spreadsheet would run as a formula.</summary>
    public static string Unescape(string value) => value.Length > 1 && value[0] == '\'' ? value[1..] : value;

    /// <summary>The line a record starts on: the parser counts the line ends inside quoted fields too.</summary>
    private static int StartLine(IParser parser)
    {
        var raw = parser.RawRecord.AsSpan().TrimEnd("\r\n");
        return parser.RawRow - raw.Count('\n') - (raw.Count('\r') - raw.Count("\r\n"));
    }

    private static string? Decode(ReadOnlySpan<byte> content, Problems problems)
    {
        if (content.IsEmpty)
        {
            problems.Add(0, "The file is empty: it needs a header row naming its columns (at least 'email') and a row per reader.");
            return null;
        }

        Encoding encoding = new UTF8Encoding(false, true);
        var start = 0;
        if (content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            start = 3;
        }
        else if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            (encoding, start) = (new UnicodeEncoding(false, false, true), 2);
        }
        else if (content.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            (encoding, start) = (new UnicodeEncoding(true, false, true), 2);
        }

        string text;
        try
        {
            text = encoding.GetString(content[start..]);
        }
        catch (DecoderFallbackException)
        {
            problems.Add(0, "This is not a CSV text file in UTF-8 (nor UTF-16 with its byte order mark). Save it as \"CSV UTF-8\" and upload it again.");
            return null;
        }

        var control = text.AsSpan().IndexOfAnyInRange('\0', '\b');
        if (control < 0)
        {
            control = text.AsSpan().IndexOfAny('\v', '\f');
        }

        if (control < 0)
        {
            control = text.AsSpan().IndexOfAnyInRange('\u000E', '\u001F');
        }

        if (control >= 0)
        {
            var line = 1 + text.AsSpan(0, control).Count('\n');
            problems.Add(0, $"This is not a CSV text file: it holds binary data (a control character on line {line}).");
            return null;
        }

        return text;
    }

    private static Dictionary<string, int>? Header(string[] header, Problems problems)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim().ToLowerInvariant().Replace(' ', '_').Replace('-', '_');
            if (name.Length == 0)
            {
                problems.Add(1, $"column {i + 1} of the header row has no name");
            }
            else if (!Columns.Contains(name))
            {
                var hint = header.Length == 1 && header[0].Contains(';', StringComparison.Ordinal)
                    ? " The file seems to use ';' between columns: save it with commas."
                    : string.Empty;
                problems.Add(1, $"unknown column '{Shown(header[i])}' (the columns are {string.Join(", ", Columns)}).{hint}");
            }
            else if (!columns.TryAdd(name, i))
            {
                problems.Add(1, $"the column '{name}' is in the header twice");
            }
        }

        if (!columns.ContainsKey(Email) && problems.Count == 0)
        {
            problems.Add(1, $"the header has no 'email' column (it names {string.Join(", ", header.Select(Shown))})");
        }

        return problems.Count == 0 ? columns : null;
    }

    private static ReaderCsvRow? Row(int line, string[] record, Dictionary<string, int> columns, IReadOnlyList<string> topics, DateTimeOffset now, Problems problems)
    {
        string Cell(string column) => columns.TryGetValue(column, out var i) ? Unescape(record[i].Trim()) : string.Empty;
        var before = problems.Count;
        var typed = Cell(Email);
        EmailAddress? address = null;
        if (typed.Length == 0)
        {
            problems.Add(line, "no address in the email column");
        }
        else if (!EmailAddress.TryParse(typed, out address, out var problem))
        {
            problems.Add(line, $"bad address '{Shown(typed)}': {FormRules.Message(problem)}");
        }

        var name = Cell(Name);
        if (!FormRules.TryName(name, out var cleanName, out _))
        {
            problems.Add(line, name.Length > FormRules.MaxNameLength
                ? $"the name is longer than {FormRules.MaxNameLength} characters"
                : "the name holds a line break or a control character");
        }

        var typedTopics = Cell(Topics).Split(TopicSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var unknown in typedTopics.Where(t => !topics.Contains(t, StringComparer.OrdinalIgnoreCase)))
        {
            problems.Add(line, $"unknown topic '{Shown(unknown)}' (the topics are {string.Join("; ", topics)})");
        }

        FormRules.TryTopics(typedTopics, topics, out var cleanTopics, out _);
        var frequencyCell = Cell(Frequency);
        if (!FormRules.TryFrequency(frequencyCell, out var frequency, out _))
        {
            problems.Add(line, $"bad frequency '{Shown(frequencyCell)}' (daily or weekly; empty means weekly)");
        }

        var pausedCell = Cell(Paused).ToLowerInvariant();
        var paused = pausedCell is "true" or "yes" or "1";
        if (pausedCell is not ("" or "true" or "yes" or "1" or "false" or "no" or "0"))
        {
            problems.Add(line, $"bad value '{Shown(pausedCell)}' in paused (true or false; empty means false)");
        }

        var consent = Consent(line, Cell(ConsentedAt), Cell(ConsentSource), Cell(PrivacyNotice), now, problems);
        return problems.Count > before || address is null
            ? null
            : new ReaderCsvRow(line, address, new ReaderChoices(cleanName, cleanTopics, frequency, consent is not null && paused), consent);
    }

    private static ImportedConsent? Consent(int line, string date, string source, string notice, DateTimeOffset now, Problems problems)
    {
        // Shown in the console inside a sentence: no bidi control may turn the words after it around.
        source = FormRules.WithoutBidiControls(source).Trim();
        notice = FormRules.WithoutBidiControls(notice).Trim();
        if (date.Length == 0 && source.Length == 0)
        {
            return null;
        }

        DateTimeOffset? given = null;
        if (date.Length == 0)
        {
            problems.Add(line, "consent_source without consented_at: consent evidence needs both the date and the source");
        }
        else if (!DateTimeOffset.TryParseExact(date, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            problems.Add(line, $"bad date '{Shown(date)}' in consented_at (write it as 2025-03-14 or 2025-03-14T09:30:00Z)");
        }
        else if (parsed > Latest(date, now))
        {
            problems.Add(line, $"consented_at {date} is in the future");
        }
        else
        {
            given = parsed.ToUniversalTime();
        }

        if (source.Length == 0 && date.Length > 0)
        {
            problems.Add(line, "consented_at without consent_source: consent evidence needs both the date and where it was given");
        }
        else if (source.Length > MaxSourceLength || notice.Length > 50)
        {
            problems.Add(line, $"consent_source or privacy_notice_version is too long (at most {MaxSourceLength} and 50 characters)");
        }
        else if (source.Any(char.IsControl) || notice.Any(char.IsControl))
        {
            problems.Add(line, "consent_source or privacy_notice_version holds a line break or a control character");
        }

        return given is { } at && source.Length is > 0 and <= MaxSourceLength
            ? new ImportedConsent(at, source, notice.Length == 0 ? null : notice)
            : null;
    }

    /// <summary>
    /// The latest moment a consent date may name: a few minutes of clock skew past now when it gives its offset (or Z);
    /// without one it may be local time anywhere, so until the day has begun in the first time zone (UTC+14).
    /// </summary>
    private static DateTimeOffset Latest(string date, DateTimeOffset now)
    {
        var time = date.AsSpan(Math.Min(date.Length, 10));
        var hasOffset = time.EndsWith("Z", StringComparison.OrdinalIgnoreCase) || time.IndexOfAny('+', '-') >= 0;
        return hasOffset ? now + ClockSkew : now + EarliestZone;
    }

    /// <summary>A value as a problem quotes it: on one line, not too long.</summary>
    private static string Shown(string value)
    {
        var one = new string(value.Select(c => char.IsControl(c) ? ' ' : c).ToArray());
        return one.Length > 60 ? one[..57] + "..." : one;
    }

    private sealed class Problems
    {
        private readonly List<ReaderCsvProblem> _kept = [];

        public int Count { get; private set; }

        public void Add(int line, string message)
        {
            Count++;
            if (_kept.Count < MaxProblemsKept)
            {
                _kept.Add(new ReaderCsvProblem(line, message));
            }
        }

        public ReaderCsvFile File(IReadOnlyList<ReaderCsvRow> rows) => new(Count == 0 ? rows : [], [.. _kept.OrderBy(p => p.Line)], Count);
    }
}
