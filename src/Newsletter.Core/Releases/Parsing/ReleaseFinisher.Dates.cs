using System.Text.RegularExpressions;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>The release's date: which of the dates the reader and the text give is its own.</summary>
internal static partial class ReleaseFinisher
{
    /// <summary>The document's own dates first (metadata, meta line, mail header), then a dateline, then a footer's date.</summary>
    private static DateOnly? ChooseDate(ReleaseDraft draft, List<string> paragraphs, List<string> warnings)
    {
        var stated = draft.Dates.Where(d => d.Source < DateSource.Dateline).OrderBy(d => d.Source).FirstOrDefault();
        if (stated != default)
        {
            // A page's bare date line or a forwarding mail's date a few days after the release's own dateline is not its date.
            var mailed = stated.Source == DateSource.Header && DateFinder.OpensWithForwardingNote(paragraphs);
            var stamp = mailed || (stated.Source == DateSource.MetaLine && draft.BareDateLines.Contains(stated.Date));
            var date = Settled(stated.Date, draft, paragraphs);
            return (stamp ? DateFinder.OwnDateBefore(date, paragraphs, mailed) : null) ?? date;
        }

        var inText = FindDateInText(draft, paragraphs, DateFinder.FromUrl(draft.CanonicalUrl));
        if (inText is not null)
        {
            return inText;
        }

        // Last, a news-wire dateline that leaves out the year ("VIENNA, Virginia, Jan. 31 --"), in the year the text names first.
        var footer = draft.Dates.Where(d => d.Source >= DateSource.Dateline).OrderBy(d => d.Source).Select(d => (DateOnly?)d.Date).FirstOrDefault()
            ?? paragraphs.Take(3).Select(p => DateFinder.FindYearlessDateline(p, paragraphs)).FirstOrDefault(d => d is not null)
            // Last of all, the day a canonical URL spells ("/2021/01/21/medexus-..."): the site's own record of it.
            ?? DateFinder.FromUrl(draft.CanonicalUrl)
            // A headline that carries a full date in a release's label ("ÅF AB: Förtydligande 2013-11-12") dates it too, last.
            ?? DateFinder.FindFirst(draft.Title ?? string.Empty);
        if (footer is null)
        {
            warnings.Add("No publication date was found; the upload date is used.");
        }

        return footer;
    }

    // A numeric date that reads both ways is read as the page itself settles it (the same day written out, its other dates, its language).
    private static DateOnly Settled(DateOnly date, ReleaseDraft draft, List<string> paragraphs) =>
        draft.BothWays.Contains(date)
            ? DateFinder.SettleBothWays(date, paragraphs.Prepend(draft.Title ?? string.Empty), LanguageGuess.Normalize(draft.Language) ?? LanguageGuess.Guess(string.Join("\n\n", paragraphs)))
            : date;

    private static DateOnly? FindDateInText(ReleaseDraft draft, List<string> paragraphs, DateOnly? addressDate)
    {
        // A dateline in the opening paragraphs, even under a deck and bullet points ("COLUMBIA, MD (November 9, 2004) –",
        // "ROCKVILLE, MD; October 22, 2003 –"): it wins over a period's end ("quarter ended September 30") named earlier.
        foreach (var paragraph in paragraphs.Take(16))
        {
            if (DateFinder.FindDateline(paragraph) is { } dateline)
            {
                return dateline;
            }
        }

        // A line with only a place and the date ("Paris, le 29 janvier 2019", "ISS, 21 aprile 2017"), and a labelled publication
        // date at the start of one of the first paragraphs ("Publisert 04.12.2025 ...").
        foreach (var paragraph in paragraphs.Take(10))
        {
            var scratch = new ReleaseDraft { Format = ReleaseFormat.Text };
            // A date line under the headline's decks ("Forte hausse des ventes : +2,9%" ... "27 juil. 2016 11:45 AM").
            if ((DateFinder.FindPlaceAndDateLine(paragraph) ?? MetaLine.DateOnlyLine(paragraph, inText: true)) is { } placeAndDate)
            {
                return placeAndDate;
            }

            if (PublishedLabel().Match(paragraph) is { Success: true } label && MetaLine.TryRead(label.Value, scratch) && scratch.Dates.Count > 0)
            {
                draft.BothWays.UnionWith(scratch.BothWays);
                return Settled(scratch.Dates[0].Date, draft, paragraphs);
            }
        }

        // A wire's dateline without the year ("MONTREAL, le 7 déc. /CNW Telbec/ -") wins over a day the opening sentence talks about,
        // unless that day is the one the text names as the release's.
        if (DateFinder.FindOwnYearlessDateline(paragraphs, draft.Title) is { } yearless)
        {
            return yearless;
        }

        // Else a date early in the opening paragraphs, a listing's blurb that ends with its date, a date in the footer.
        foreach (var paragraph in paragraphs.Take(3))
        {
            var head = paragraph.Length > 200 ? paragraph[..200] : paragraph;
            // A date the opening sentence talks about ("... the elections of 15 March 2017") gives way to the address's date.
            if (DateFinder.FindFirstWritten(head) is { } dateline)
            {
                return addressDate ?? dateline;
            }
        }

        foreach (var paragraph in paragraphs.Take(3))
        {
            if (DateFinder.FindClosingDate(paragraph) is { } closing)
            {
                return closing;
            }
        }

        foreach (var paragraph in Enumerable.Reverse(paragraphs).Take(3))
        {
            // A date the closing sentences talk about ("A 16 de janeiro de 2013, a Aula Magna ...") gives way to the address's too.
            if (DateFinder.FindLast(paragraph) is { } footer)
            {
                return addressDate ?? footer;
            }
        }

        return null;
    }

    // "Publisert 04.12.2025", "Published: 3 March 2021", "Veröffentlicht am 21.12.2012": the label and the value after it.
    // Also the label with its words the other way round ("Date Published: 16 Jan, 2013", "Publication date:", "Erscheinungsdatum:").
    [GeneratedRegex(@"^(?:" + MetaLine.PublicationDateLabels + @")\s*:?\s+[^\n]{6,40}?[0-9]{4}|^(?:published(?: on)?|publisert|publiceret|publicerad|publicerat|veröffentlicht(?: am)?|gepubliceerd(?: op)?|publié le|publicado(?: el| em)?|pubblicato(?: il)?)\s*:?\s+[0-9][0-9./\-]{5,9}[0-9]|^(?:published(?: on)?|veröffentlicht(?: am)?|publié le|publicado el|pubblicato il)\s*:?\s+[^\n]{6,30}?[0-9]{4}",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PublishedLabel();
}
