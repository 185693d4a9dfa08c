using System.Text.RegularExpressions;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>
/// A name found in an inflected form ("des Deutschen Museums", "Vilniaus universiteto", "Tampereen yliopiston") is given in
/// the form the text also writes it in without the case's ending ("Deutsches Museum", "Vilniaus universitetas", "Tampereen
/// yliopisto"), and a name found in capitals in the form the text writes in lower case.
/// </summary>
internal static partial class OrganisationNames
{
    /// <summary>
    /// The base form of the name the text gives: of the forms whose words differ from the name's only in their endings, one the
    /// text writes more often than the name (unless it only adds endings to the name's words: "des NÖ Pressehauses" is no base of
    /// "NÖ Pressehaus"), or one the name's words only add an ending to or change the last letter of (the genitive's "-s", "-es",
    /// "-n" dropped); a form the text writes without an article before it first. Words with a full stop ("S.p.A.") are kept whole.
    /// Else the name as it is.
    /// </summary>
    public static string BaseForm(string name, IReadOnlyList<string> paragraphs, string? title = null)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is 0 or > 6 || name.Length > 100 || !words.Any(w => w.Length >= 5))
        {
            return name;
        }

        // Each long word by its stem and up to four letters of ending; short words ("of", "u", "AB") as they are.
        var body = string.Join(@"\s+", words.Select(w => w.Length >= 5 && w.All(char.IsLetter) ? Regex.Escape(w[..^2]) + @"\p{L}{0,4}" : Regex.Escape(w)));
        var pattern = new Regex(@"(?<![\p{L}\p{N}\-])(?<article>(?:der|die|das|des|dem|den|the|la|le|el|il|het|de)\s+)?(?<form>" + body + @")(?![\p{L}\p{N}\-])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, ShapeTimeout);
        var forms = paragraphs.SelectMany(p => pattern.Matches(SearchedPart(p)))
            .Select(m => (Form: TextCleaner.SingleLine(m.Groups["form"].Value, 200), Article: m.Groups["article"].Success))
            .Where(f => char.IsUpper(f.Form[0]))
            .ToList();
        // "Univerzita Komenského ocenila ...", "Landspítali af hættustigi ...": the headline's subject is in the base form, and a
        // name found in that form stays in it however often the text writes another case.
        var subject = pattern.Match(title ?? string.Empty) is { Success: true } inTitle && TitleSubjectStart().IsMatch(title![..inTitle.Index])
            ? TextCleaner.SingleLine(inTitle.Groups["form"].Value, 200)
            : null;
        if (subject is not null && subject.Equals(name, StringComparison.Ordinal))
        {
            return name;
        }

        if (subject is not null && subject.Any(char.IsLower) && !AddsEndings(subject, words) && IsShorterForm(subject, words, sameLength: true))
        {
            return subject;
        }

        var own = forms.Count(f => string.Equals(f.Form, name, StringComparison.OrdinalIgnoreCase));
        var shouted = words.Length >= 2 && !name.Any(char.IsLower);
        return forms.Where(f => f.Form.Any(char.IsLower))
            .GroupBy(f => f.Form, StringComparer.Ordinal)
            .Select(g => (Form: g.Key, Count: g.Count(), Bare: g.Any(f => !f.Article)))
            .Where(v => (shouted && string.Equals(v.Form, name, StringComparison.OrdinalIgnoreCase))
                || (!string.Equals(v.Form, name, StringComparison.OrdinalIgnoreCase) && ((v.Count > own && !AddsEndings(v.Form, words)) || IsShorterForm(v.Form, words))))
            .OrderByDescending(v => v.Bare)
            .ThenByDescending(v => v.Count)
            .ThenBy(v => v.Form.Length)
            .Select(v => v.Form)
            .FirstOrDefault() is { } found && (shouted || !found.Equals(name, StringComparison.Ordinal)) ? found : name;
    }

    // What may stand before a headline's subject: nothing, or a label and a colon or dash ("95. výročie vzniku: ").
    [GeneratedRegex(@"^(?:[^:–—|]{0,60}[:–—|]\s*)?$", RegexOptions.CultureInvariant, 250)]
    private static partial Regex TitleSubjectStart();

    /// <summary>"NÖ Pressehauses" for "NÖ Pressehaus": a form that only adds endings to the name's words is a case of it, however often.</summary>
    private static bool AddsEndings(string form, string[] words)
    {
        var parts = form.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == words.Length && parts.Zip(words).All(p => p.First.StartsWith(p.Second, StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsShorterForm(string form, string[] words, bool sameLength = false)
    {
        var parts = form.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // Each of the name's words is the form's with an ending added ("Museums", "yliopiston") or its last letter changed
        // ("Deutschen" for "Deutsches"), never another case's ending ("universiteto" is no "universitetas" with one). The
        // headline's subject may be as long as the name ("Univerzita" for "Univerzity").
        var length = string.Join(' ', words).Length;
        return parts.Length == words.Length && (form.Length < length || (sameLength && form.Length == length))
            && parts.Zip(words).All(p => p.Second.StartsWith(p.First, StringComparison.OrdinalIgnoreCase)
                || (p.First.Length == p.Second.Length && p.First.AsSpan(0, p.First.Length - 1).Equals(p.Second.AsSpan(0, p.Second.Length - 1), StringComparison.OrdinalIgnoreCase)));
    }
}
