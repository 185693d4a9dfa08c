using System.Globalization;
using Microsoft.Extensions.Options;
using Newsletter.Core.Editions;
using Newsletter.Core.Mail;
using Newsletter.Core.Subscriptions;

namespace Newsletter.Core.Delivery;

/// <summary>
/// Makes the request for one chunk of a digest: the variant's rendering once, the list headers
/// (<c>List-Id</c>), and a personalization per reader with its own links and one-click headers.
/// </summary>
public sealed class DigestMessageFactory(
    ReaderLinks links,
    IOptions<DeliveryOptions> options,
    IOptions<MailOptions> mail,
    IOptions<AppOptions> app)
{
    /// <summary>The request for one chunk: the variant's rendering once, a personalization per reader.</summary>
    public BulkMessage Message(Edition edition, RenderedEdition rendering, IReadOnlyList<Recipient> recipients)
    {
        ArgumentNullException.ThrowIfNull(edition);
        ArgumentNullException.ThrowIfNull(rendering);
        ArgumentNullException.ThrowIfNull(recipients);
        var frequency = Edition.FrequencyName(edition.Frequency);
        var from = mail.Value.Sender(app.Value);
        return new BulkMessage(
            from.Address,
            from.Name!,
            rendering.Subject,
            rendering.Html,
            rendering.Text,
            new Dictionary<string, string> { ["List-Id"] = ListId() },
            [frequency, "digest"],
            new Personalizations(recipients, r => Personalize(edition.Id, r)));
    }

    /// <summary>One reader's values: address, placeholders, RFC 8058 one-click headers, ids for the event webhook.</summary>
    public Personalization Personalize(string editionId, Recipient reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var unsubscribe = links.Unsubscribe(reader.Id);
        var preferences = links.Preferences(reader.Id);
        var name = SafeName(reader.Name);
        return new Personalization(
            reader.Address,
            name,
            new Dictionary<string, string>
            {
                [ReaderPlaceholders.Greeting] = name is null ? "Hello," : string.Create(CultureInfo.InvariantCulture, $"Hello {name},"),
                [ReaderPlaceholders.UnsubscribeUrl] = unsubscribe,
                [ReaderPlaceholders.PreferencesUrl] = preferences,
            },
            UnsubscribeHeaders(unsubscribe),
            new Dictionary<string, string> { ["edition_id"] = editionId, ["reader_id"] = reader.Id });
    }

    /// <summary>Who a reader's personalization goes to, with the name made safe once.</summary>
    public static Recipient RecipientOf(Reader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new(reader.Id, reader.Address!, SafeName(reader.Name));
    }

    /// <summary>
    /// A substitution goes into the HTML and the text part alike, raw, so the name loses the characters
    /// that would mean markup in one or be escaped wrongly in the other, and cannot spell a placeholder;
    /// control characters never reach a header.
    /// </summary>
    private static string? SafeName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var cleaned = new string(name.Where(c => !char.IsControl(c) && c is not ('<' or '>' or '&' or '"' or '\'')).ToArray()).Trim();
        return cleaned.Length == 0 ? null : ReaderPlaceholders.Neutralize(cleaned);
    }

    private string ListId()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.ListId))
        {
            return options.Value.ListId;
        }

        var host = Uri.TryCreate(app.Value.Root, UriKind.Absolute, out var uri) ? uri.Host : "localhost";
        var label = new string(app.Value.NetworkName.Where(c => !char.IsControl(c) && c is not ('<' or '>' or '"')).ToArray());
        return $"{label} <digest.{host}>";
    }

    private Dictionary<string, string> UnsubscribeHeaders(string unsubscribeUrl)
    {
        var headers = new Dictionary<string, string>(2);
        ListUnsubscribe.AddTo(headers, unsubscribeUrl, UnsubscribeMailbox);
        return headers;
    }

    private string UnsubscribeMailbox => field ??= ListUnsubscribe.Mailbox(options.Value.UnsubscribeMailbox, mail.Value.From);

    /// <summary>
    /// A request's personalizations, each made when the transport reads it (while it writes the request
    /// body) and garbage right after, instead of a thousand built up front and held for the whole request.
    /// </summary>
    private sealed class Personalizations(IReadOnlyList<Recipient> recipients, Func<Recipient, Personalization> personalize) : IReadOnlyList<Personalization>
    {
        public int Count => recipients.Count;

        public Personalization this[int index] => personalize(recipients[index]);

        public IEnumerator<Personalization> GetEnumerator()
        {
            for (var i = 0; i < recipients.Count; i++)
            {
                yield return personalize(recipients[i]);
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
