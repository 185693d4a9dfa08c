using System.Text;
using MimeKit;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>
/// A press release forwarded as an e-mail (.eml): the subject is the title, the sender's display name the
/// organisation, the Date header a date; the body is the HTML part if there is one, else the text part,
/// never both. Broken MIME never hangs: the first readable text part is salvaged with a warning.
/// </summary>
internal static class EmailReader
{
    private static readonly string[] SubjectPrefixes = ["fwd:", "fw:", "wg:", "tr:", "doorst:", "vb:", "vs:", "re:", "aw:", "sv:", "[external]", "[ext]"];

    /// <summary>Multiparts nest a few levels in real mail (mixed, alternative, related); far deeper is hostile.</summary>
    private const int MaxMimeDepth = 32;

    public static ReleaseDraft Read(byte[] content, CancellationToken budget)
    {
        var draft = new ReleaseDraft { Format = ReleaseFormat.Email, Budget = budget };
        MimeMessage message;
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            message = MimeMessage.Load(new ParserOptions { AllowAddressesWithoutDomain = true, MaxMimeDepth = MaxMimeDepth }, stream, budget);
        }
        catch (FormatException ex)
        {
            throw new RejectionException(RejectionCodes.MalformedMime, $"The e-mail cannot be read as MIME: {TextCleaner.SingleLine(ex.Message, 200)}");
        }

        draft.Title = CleanSubject(message.Subject);
        if (message.From.Mailboxes.FirstOrDefault() is { Name.Length: > 0 } sender)
        {
            draft.Organisation = sender.Name;
        }

        if (message.Headers.Contains(HeaderId.Date) && message.Date != DateTimeOffset.MinValue)
        {
            draft.AddDate(DateOnly.FromDateTime(message.Date.UtcDateTime), DateSource.Header);
        }

        var (html, text) = TextParts(message);
        if (html is null && text is null)
        {
            throw new RejectionException(RejectionCodes.MalformedMime, "The e-mail has no readable text/html or text/plain part.");
        }

        if (message.Body is Multipart && !BoundaryClosed(content, message.Body as Multipart))
        {
            draft.Warnings.Add("The e-mail's multipart body is not closed properly; the first readable text part was used.");
        }

        if (html is not null)
        {
            HtmlReader.ReadInto(draft, html, draft.Title);
        }
        else
        {
            PlainTextReader.ReadInto(draft, text!, isEmailBody: true);
        }

        return draft;
    }

    /// <summary>The first HTML part and the first plain-text part, walking the tree once and never into attachments.</summary>
    private static (string? Html, string? Text) TextParts(MimeMessage message)
    {
        string? html = null;
        string? text = null;
        var visited = 0;
        foreach (var part in message.BodyParts.OfType<TextPart>())
        {
            if (++visited > 200)
            {
                break;
            }

            if (part.IsAttachment)
            {
                continue;
            }

            if (part.IsHtml)
            {
                html ??= part.Text;
            }
            else if (part.IsPlain)
            {
                text ??= part.Text;
            }
        }

        return (string.IsNullOrWhiteSpace(html) ? null : html, string.IsNullOrWhiteSpace(text) ? null : text);
    }

    private static bool BoundaryClosed(byte[] content, Multipart? multipart)
    {
        if (multipart?.Boundary is not { Length: > 0 } boundary)
        {
            return true;
        }

        var closing = Encoding.ASCII.GetBytes("--" + boundary + "--");
        return content.AsSpan().IndexOf(closing) >= 0;
    }

    private static string? CleanSubject(string? subject)
    {
        var title = TextCleaner.SingleLine(subject);
        var changed = true;
        while (changed && title.Length > 0)
        {
            changed = false;
            foreach (var prefix in SubjectPrefixes)
            {
                if (title.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    title = title[prefix.Length..].TrimStart();
                    changed = true;
                }
            }
        }

        return title.Length == 0 ? null : title;
    }
}
