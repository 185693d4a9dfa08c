using AngleSharp.Dom;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>Where a date was found; a lower rank is more trustworthy.</summary>
internal enum DateSource
{
    Metadata = 0,

    /// <summary>A date written on the headline's own line ("15. Dezember 2014: ...").</summary>
    Headline = 1,
    MetaLine = 2,
    Header = 3,
    Dateline = 4,
    Footer = 5,
}

/// <summary>What a format reader extracted, before the common finishing (sanitizing, summary, checks).</summary>
internal sealed class ReleaseDraft
{
    public required ReleaseFormat Format { get; init; }

    /// <summary>The upload's time budget: readers check it as they go, so no input holds a worker for long.</summary>
    public CancellationToken Budget { get; init; }

    public string? Title { get; set; }
    public string? Organisation { get; set; }
    public List<(DateOnly Date, DateSource Source)> Dates { get; } = [];

    /// <summary>The dates of lines that are only a date (a page's or a republisher's stamp), not a labelled or named one.</summary>
    public HashSet<DateOnly> BareDateLines { get; } = [];

    /// <summary>The dates read month first from a numeric value that reads both ways ("08/03/2021"): the page settles which.</summary>
    public HashSet<DateOnly> BothWays { get; } = [];
    public List<string> Topics { get; } = [];
    public string? CanonicalUrl { get; set; }

    /// <summary>
    /// The name a page's metadata (author, site name) or a mail's sender gives: the issuer, or a site or
    /// service that republishes releases. Used when the text names it, else when the text names no issuer.
    /// </summary>
    public string? SiteOrganisation { get; set; }

    /// <summary>True when <see cref="SiteOrganisation"/> is only a page's site name (og:site_name), not its author.</summary>
    public bool SiteIsOnlyASiteName { get; set; }

    /// <summary>The sender's address of a mailed release: its domain may name the issuer.</summary>
    public string? SenderAddress { get; set; }
    public string? Language { get; set; }
    public string? Summary { get; set; }
    public List<string> Warnings { get; } = [];

    /// <summary>The descriptions (alt texts) of the page's images, which are no text of the release.</summary>
    public List<string> ImageDescriptions { get; } = [];

    /// <summary>The page footer's copyright lines ("© X"), kept aside: the footer is furniture, but its holder may be the issuer.</summary>
    public List<string> CopyrightLines { get; } = [];

    /// <summary>A document's running header and footer lines (a Word letterhead), kept aside: no text, but the sender's name.</summary>
    public List<string> LetterheadLines { get; } = [];

    /// <summary>The short lines a page shows above its headline (a section's, a site's name), dropped as chrome but kept aside.</summary>
    public List<string> ChromeLines { get; } = [];

    /// <summary>The bytes of an image part (e-mail), unchecked.</summary>
    public byte[]? ImageCandidate { get; set; }

    /// <summary>The embargo a field gave (front matter <c>embargo:</c>, JSON <c>embargo</c>), as written.</summary>
    public string? EmbargoField { get; set; }

    /// <summary>What follows the label of each embargo line in the text ("EMBARGOED UNTIL ..."), as written.</summary>
    public List<string> EmbargoLines { get; } = [];

    public void AddEmbargoLine(string value)
    {
        if (!EmbargoLines.Contains(value, StringComparer.Ordinal))
        {
            EmbargoLines.Add(value);
        }
    }

    /// <summary>Plain-text paragraphs (text uploads): encoded into HTML, so no sanitizer is needed.</summary>
    public List<string>? Paragraphs { get; set; }

    /// <summary>A plain-text release's lines under a press-contact label, one by one (the paragraph runs them together).</summary>
    public List<string> ContactLines { get; } = [];

    /// <summary>The body as a DOM element (HTML, Markdown, e-mail uploads): sanitized by the finisher.</summary>
    public IElement? Body { get; set; }

    public void AddDate(DateOnly? date, DateSource source)
    {
        if (date is { } value)
        {
            Dates.Add((value, source));
        }
    }
}
