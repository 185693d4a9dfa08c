using System.Globalization;
using System.Text;
using System.Text.Json;
using Newsletter.Core.Members;
using Newsletter.Core.Releases;
using Newsletter.Core.Subscriptions;
using Newsletter.Core.Updates;

namespace Newsletter.Core.Portal;

/// <summary>
/// Checks the portal's release form and writes it as a JSON release (the format documented in
/// docs/release-formats.md), so a form goes through the same parser, checks and quarantine as every upload.
/// </summary>
public static class ReleaseFormWriter
{
    public const string FileName = "form.json";
    public const int MaxTitle = 300;
    public const int MaxSummary = 1000;
    public const int MaxBody = 200_000;
    public const int MaxContacts = 3;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The topics the member may tag: its own list (spelled as readers see it), else every readers' topic.</summary>
    public static IReadOnlyList<string> TopicsFor(Member member, IReadOnlyList<string> readerTopics)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(readerTopics);
        return member.AllowedTopics.Count == 0
            ? readerTopics
            : readerTopics.Where(t => member.AllowedTopics.Contains(t, StringComparer.OrdinalIgnoreCase)).ToArray();
    }

    /// <summary>The problems of a form, one per field; empty when it can be written.</summary>
    public static IReadOnlyList<FieldProblem> Check(ReleaseForm form, IReadOnlyList<string> allowedTopics)
    {
        ArgumentNullException.ThrowIfNull(form);
        var problems = new List<FieldProblem>();
        if (form.Title.Trim().Length == 0)
        {
            problems.Add(new("title", "Enter the release's title."));
        }
        else if (form.Title.Length > MaxTitle)
        {
            problems.Add(new("title", $"A title has at most {MaxTitle} characters."));
        }

        if (form.Date.Trim().Length > 0 && !DateOnly.TryParseExact(form.Date.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            problems.Add(new("date", "Enter the date as year-month-day, e.g. 2026-12-01, or leave it empty for the upload date (today)."));
        }

        if (form.Summary.Length > MaxSummary)
        {
            problems.Add(new("summary", $"A summary has at most {MaxSummary} characters."));
        }

        if (form.Body.Trim().Length == 0)
        {
            problems.Add(new("body", "Enter the text of the release."));
        }
        else if (form.Body.Length > MaxBody)
        {
            problems.Add(new("body", $"The text has at most {MaxBody:N0} characters."));
        }

        if (form.Topics.FirstOrDefault(t => !allowedTopics.Contains(t, StringComparer.OrdinalIgnoreCase)) is { } topic)
        {
            problems.Add(new("topics", $"'{Releases.Parsing.TextCleaner.SingleLine(topic, 40)}' is not one of your topics ({string.Join(", ", allowedTopics)})."));
        }

        var url = form.CanonicalUrl.Trim();
        if (url.Length > 0 && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
        {
            problems.Add(new("url", "Enter the address of the original release, starting with https://, or leave it empty."));
        }

        for (var i = 0; i < form.Contacts.Count; i++)
        {
            var contact = form.Contacts[i];
            if (contact.IsEmpty)
            {
                continue;
            }

            if (contact.Name.Trim().Length == 0)
            {
                problems.Add(new($"contact{i}-name", "Enter the press contact's name."));
            }

            if (contact.Email.Trim().Length > 0 && !EmailAddress.TryParse(contact.Email, out _, out _))
            {
                problems.Add(new($"contact{i}-email", "Enter an e-mail address like press@example.org."));
            }

            if (contact.Name.Length > 120 || contact.Phone.Length > 40 || contact.Email.Length > EmailAddress.MaxLength)
            {
                problems.Add(new($"contact{i}-name", "A contact's name has at most 120 characters and a phone number at most 40."));
            }
        }

        return problems;
    }

    /// <summary>The form as the bytes of a JSON release; the press contacts close the body; <paramref name="embargo"/> as read by <see cref="EmbargoFields"/>.</summary>
    public static byte[] Write(ReleaseForm form, DateTimeOffset? embargo = null)
    {
        ArgumentNullException.ThrowIfNull(form);
        var body = new StringBuilder(form.Body.Trim());
        var contacts = form.Contacts.Where(c => !c.IsEmpty).ToArray();
        if (contacts.Length > 0)
        {
            body.Append("\n\n**").Append(contacts.Length == 1 ? "Press contact" : "Press contacts").Append("**\n");
            foreach (var contact in contacts)
            {
                body.Append("\n- ").Append(Escape(contact.Name.Trim()));
                if (EmailAddress.TryParse(contact.Email, out var email, out _))
                {
                    body.Append(", <").Append(email!.Address).Append('>');
                }

                if (contact.Phone.Trim().Length > 0)
                {
                    body.Append(", ").Append(Escape(contact.Phone.Trim()));
                }
            }
        }

        var release = new Dictionary<string, object?>
        {
            ["title"] = form.Title.Trim(),
            ["date"] = form.Date.Trim().Length > 0 ? form.Date.Trim() : null,
            ["summary"] = form.Summary.Trim().Length > 0 ? form.Summary.Trim() : null,
            ["body"] = body.ToString(),
            ["topics"] = form.Topics,
            ["url"] = form.CanonicalUrl.Trim().Length > 0 ? form.CanonicalUrl.Trim() : null,
            ["embargo"] = embargo?.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
        };
        return JsonSerializer.SerializeToUtf8Bytes(release, Json);
    }

    /// <summary>A form to edit again, from what a file or an earlier submission became (its text as plain paragraphs).</summary>
    public static ReleaseForm From(string title, DateOnly? date, string summary, string bodyText, IReadOnlyList<string> topics, string? url) => new()
    {
        Title = title,
        Date = date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty,
        Summary = summary,
        Body = bodyText,
        Topics = topics,
        CanonicalUrl = url ?? string.Empty,
    };

    public static ReleaseForm From(Update update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var form = EmbargoFields.WithEmbargo(From(update.Title, update.Date, update.Summary, update.BodyText, update.Topics, update.CanonicalUrl), update.Embargo);
        return update.Image?.Details is { } details
            ? form with { ImageCaption = details.Caption, ImageCredit = details.Credit, ImageLicence = details.Licence, ImageAlt = details.Alt }
            : form;
    }

    // Markdown's punctuation typed in a name or phone number stays text (no links, no emphasis, no HTML).
    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in Releases.Parsing.TextCleaner.SingleLine(text, 200))
        {
            if (@"\`*_{}[]()<>#+-.!|~&".Contains(c, StringComparison.Ordinal))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
