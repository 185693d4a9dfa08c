using System.Text;
using System.Text.RegularExpressions;
using MimeKit;
using MimeKit.Utils;

namespace Newsletter.Core.Releases.Parsing;

/// <summary>
/// A press release forwarded as an e-mail (.eml): the subject is the title, the sender's display name the
/// organisation, the Date header a date; the body is the HTML part if there is one, else the text part,
/// never both. Broken MIME never hangs: the first readable text part is salvaged with a warning.
/// </summary>
internal static partial class EmailReader
{

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

        // An encoded subject can carry CR LF: what follows the break never reaches the title.
        draft.Title = CleanSubject(TitleLine.BeforeLineBreak(RawSubject(message) ?? message.Subject, draft.Warnings));
        if (message.From.Mailboxes.FirstOrDefault() is { } sender)
        {
            // The sender may be the issuer or a service that forwards releases: the finisher decides.
            // A person's name ("Dwayne Brown" <dwayne.c.brown@...>) is the press officer's, never the organisation.
            draft.SiteOrganisation = sender.Name is { Length: > 0 } name && !OrganisationNames.IsPersonalSender(name, sender.Address) ? name : null;
            draft.SenderAddress = sender.Address;
        }

        if (message.Headers.Contains(HeaderId.Date) && message.Date != DateTimeOffset.MinValue)
        {
            // A forwarded mail's own date is the day it was forwarded: the release's dateline wins over it.
            var forwarded = SubjectMarker().Match(TextCleaner.SingleLine(RawSubject(message) ?? message.Subject)) is { Success: true } m
                && !m.Value.StartsWith('[');
            draft.AddDate(DateOnly.FromDateTime(message.Date.UtcDateTime), forwarded ? DateSource.Footer : DateSource.Header);
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

        draft.ImageCandidate = LargestImage(message);
        return draft;
    }

    /// <summary>
    /// The largest JPEG, PNG, GIF or WebP part, attached or inline: the release's picture rather than a signature's logo.
    /// Only its bytes are taken; the image pipeline decides whether it is an image at all.
    /// </summary>
    private static byte[]? LargestImage(MimeMessage message)
    {
        byte[]? largest = null;
        var visited = 0;
        foreach (var part in message.BodyParts.OfType<MimePart>())
        {
            if (++visited > 200)
            {
                break;
            }

            if (part.Content is null || !part.ContentType.MediaType.Equals("image", StringComparison.OrdinalIgnoreCase)
                || part.ContentType.MediaSubtype.ToLowerInvariant() is not ("jpeg" or "jpg" or "pjpeg" or "png" or "gif" or "webp"))
            {
                continue;
            }

            using var decoded = new MemoryStream();
            part.Content.DecodeTo(decoded);
            if (decoded.Length > (largest?.Length ?? 0))
            {
                largest = decoded.ToArray();
            }
        }

        return largest;
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

    /// <summary>
    /// The subject decoded from its raw header, unfolded but with any CR or LF an encoded word carries kept
    /// (MimeKit's Subject drops them, which would join what follows into the title).
    /// </summary>
    private static string? RawSubject(MimeMessage message)
    {
        var header = message.Headers.FirstOrDefault(h => h.Id == HeaderId.Subject);
        if (header?.RawValue is not { Length: > 0 } raw)
        {
            return null;
        }

        var unfolded = HeaderText(raw, message).Replace("\r\n ", " ", StringComparison.Ordinal).Replace("\r\n\t", " ", StringComparison.Ordinal)
            .Replace("\n ", " ", StringComparison.Ordinal).Trim();
        return Rfc2047.DecodeText(Encoding.UTF8.GetBytes(unfolded));
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// A header's raw bytes as text: UTF-8 when they are UTF-8, else the charset the mail's first text part declares
    /// (an old client writes "bolagsstämma" in the subject in the body's ISO-8859-1), else Latin-1, so no letter is dropped.
    /// </summary>
    private static string HeaderText(byte[] raw, MimeMessage message)
    {
        try
        {
            return StrictUtf8.GetString(raw);
        }
        catch (DecoderFallbackException)
        {
            var declared = message.BodyParts.OfType<TextPart>().Take(20).Select(p => p.ContentType.CharsetEncoding).FirstOrDefault(e => e is not null);
            return (declared is null || declared.CodePage == Encoding.UTF8.CodePage ? Encoding.Latin1 : declared).GetString(raw);
        }
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
            var marker = SubjectMarker().Match(title);
            if (marker.Success)
            {
                title = title[marker.Length..].TrimStart();
                changed = true;
            }

            // A mailing list's tag ("[CNRS Presse] ...", "[hqnews] ..."), when a headline of its own follows.
            var tag = ListTag().Match(title);
            if (tag.Success && TextCleaner.CountWords(title[tag.Length..]) >= 3)
            {
                title = title[tag.Length..];
                changed = true;
            }
        }

        return title.Length == 0 ? null : title;
    }

    [GeneratedRegex(@"^\[[^\[\]]{1,40}\]\s*", RegexOptions.CultureInvariant)]
    private static partial Regex ListTag();

    // A mail client's forward or reply marker, in the sender's language: "Fwd:", "WG:", "TR:", "Doorst:", "I:" and "R:" (Italian),
    // "RV:" (Spanish), "ENC:" and "RES:" (Portuguese), "VL:" (Finnish), "PD:" and "ODP:" (Polish), "Antw:", "SV:", "VS:"; a
    // one-letter marker only with a space after it ("I:Robot" stays). "[External]" tags too.
    [GeneratedRegex(@"^(?:(?:fwd?|fw|wg|tr|trs|doorst|antw|vb|vs|vl|sv|re|aw|rv|enc|res|odp|pd|rif)\s*:|(?:i|r)\s*:(?=\s)|\[(?:external|ext)\])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SubjectMarker();
}
