using System.ComponentModel.DataAnnotations;

namespace Newsletter.Core.Subscriptions;

/// <summary>The signup form, its abuse limits and the privacy notice it links.</summary>
public sealed class SubscriptionOptions : IValidatableObject
{
    public const string SectionName = "Subscriptions";

    /// <summary>The topics readers can choose, comma-separated. Ticking none means all of them.</summary>
    [Required]
    public string Topics { get; set; } = "Research,Innovation,Funding,Events,People";

    /// <summary>The privacy notice the form links; empty serves the built-in one at <c>/privacy</c>.</summary>
    public string PrivacyNoticeUrl { get; set; } = string.Empty;

    /// <summary>Recorded with each consent, so it is known which notice a reader agreed to.</summary>
    [Required, MaxLength(40)]
    public string PrivacyNoticeVersion { get; set; } = "2026-01";

    /// <summary>Recorded with each consent: which wording of the form the reader saw.</summary>
    [Required, MaxLength(40)]
    public string FormVersion { get; set; } = "1";

    /// <summary>
    /// Secret key for the salted hash that names each reader (the table row key and the only thing
    /// kept of an erased reader). It must never change once readers exist. The local host generates one
    /// under its data folder; in Azure it comes from Key Vault.
    /// </summary>
    [Required(ErrorMessage = "Subscriptions:AddressHashKey is not set: give it a random secret of at least 32 bytes (base64).")]
    public string AddressHashKey { get; set; } = string.Empty;

    /// <summary>Posts sooner than this after the form was served are dropped silently (bots fill forms at once).</summary>
    [Range(0, 60)]
    public double MinRenderSeconds { get; set; } = 2;

    /// <summary>
    /// A form older than this is shown again with a request to resubmit (its fields kept). Short, since a
    /// stamp is only worth something to a bot while it lasts.
    /// </summary>
    [Range(1, 24 * 30)]
    public int FormMaxAgeHours { get; set; } = 1;

    /// <summary>Confirmation links expire after this many days.</summary>
    [Range(1, 60)]
    public int ConfirmTokenDays { get; set; } = 7;

    /// <summary>At most this many confirmation mails per address per hour.</summary>
    [Range(1, 100)]
    public int ConfirmationMailsPerHour { get; set; } = 3;

    /// <summary>An active reader who signs up again gets an "already subscribed" mail at most this often.</summary>
    [Range(1, 24 * 30)]
    public int AlreadySubscribedMailHours { get; set; } = 24;

    /// <summary>Signup posts allowed per client IP (IPv6: per /64) within <see cref="IpRateLimitWindowSeconds"/>.</summary>
    [Range(1, 10_000_000)]
    public int IpRateLimit { get; set; } = 10;

    [Range(1, 86_400)]
    public int IpRateLimitWindowSeconds { get; set; } = 600;

    /// <summary>At most this many clients are counted at once (about 100 bytes each); newcomers beyond share one count.</summary>
    [Range(100, 10_000_000)]
    public int IpRateLimitMaxClients { get; set; } = 100_000;

    /// <summary>The topics as a list, in the configured order, blanks removed.</summary>
    public IReadOnlyList<string> TopicList => Topics.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Distinct(StringComparer.OrdinalIgnoreCase).ToArray();

    /// <summary>A topic as it is stored and compared (an upload's, an editor's, a reader's): trimmed, lower case.</summary>
    public static string TopicKey(string topic) => (topic ?? string.Empty).Trim().ToLowerInvariant();

    /// <summary>A stored topic as readers and members see it: its spelling in <see cref="Topics"/>, or itself when not configured.</summary>
    public string TopicLabel(string topic) =>
        TopicList.FirstOrDefault(t => string.Equals(t, (topic ?? string.Empty).Trim(), StringComparison.OrdinalIgnoreCase)) ?? (topic ?? string.Empty).Trim();

    /// <summary>A comma-separated list of stored topics (as a change record writes it), each by its label.</summary>
    public string TopicLabels(string topics) =>
        string.Join(", ", (topics ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(TopicLabel));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TopicList.Count == 0)
        {
            yield return new ValidationResult("Subscriptions:Topics needs at least one topic.", [nameof(Topics)]);
        }

        if (!string.IsNullOrEmpty(PrivacyNoticeUrl) && !Uri.TryCreate(PrivacyNoticeUrl, UriKind.Absolute, out _))
        {
            yield return new ValidationResult("Subscriptions:PrivacyNoticeUrl must be an absolute URL, or empty for the built-in notice.", [nameof(PrivacyNoticeUrl)]);
        }

        if (!string.IsNullOrEmpty(AddressHashKey) && (!Secrets.TryDecode(AddressHashKey, out var key) || key.Length < 32))
        {
            yield return new ValidationResult("Subscriptions:AddressHashKey must be base64 of at least 32 random bytes.", [nameof(AddressHashKey)]);
        }
    }
}

/// <summary>Signing keys for the links in mails and the signup form's timestamp.</summary>
public sealed class TokenOptions : IValidatableObject
{
    public const string SectionName = "Tokens";

    /// <summary>
    /// Every key that verifies tokens, as <c>id:base64key</c> pairs separated by commas
    /// (<c>2026a:Q2hh...,2025b:b2xk...</c>). To rotate: add the new key, make it active, and remove the
    /// old one only when its tokens may go (unsubscribe links in old mails use it). The local host
    /// generates a key under its data folder; in Azure the value comes from Key Vault.
    /// </summary>
    [Required(ErrorMessage = "Tokens:Keys is not set: give at least one signing key as id:base64 (32 random bytes or more).")]
    public string Keys { get; set; } = string.Empty;

    /// <summary>The id of the key that signs new tokens; empty takes the first key.</summary>
    public string ActiveKeyId { get; set; } = string.Empty;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!SigningKeys.TryParse(Keys, out var keys, out var error))
        {
            yield return new ValidationResult($"Tokens:Keys: {error}", [nameof(Keys)]);
        }
        else if (!string.IsNullOrEmpty(ActiveKeyId) && !keys.ContainsKey(ActiveKeyId))
        {
            yield return new ValidationResult($"Tokens:ActiveKeyId '{ActiveKeyId}' is not one of the ids in Tokens:Keys.", [nameof(ActiveKeyId)]);
        }
    }
}

/// <summary>Parses secrets given as base64 text.</summary>
public static class Secrets
{
    public static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        try
        {
            bytes = Convert.FromBase64String(text.Trim());
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>A new random secret of 32 bytes, as base64: what the local host generates.</summary>
    public static string NewKey() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
}

/// <summary>The parsed form of <see cref="TokenOptions.Keys"/>.</summary>
public static class SigningKeys
{
    public static bool TryParse(string? text, out IReadOnlyDictionary<string, byte[]> keys, out string? error)
    {
        var parsed = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        keys = parsed;
        error = null;
        foreach (var entry in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            var id = colon > 0 ? entry[..colon] : string.Empty;
            if (id.Length is 0 or > 16 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                error = "each key is id:base64, the id 1-16 letters, digits, '-' or '_'.";
                return false;
            }

            if (!Secrets.TryDecode(entry[(colon + 1)..], out var bytes) || bytes.Length < 32)
            {
                error = $"key '{id}' must be base64 of at least 32 random bytes.";
                return false;
            }

            if (!parsed.TryAdd(id, bytes))
            {
                error = $"key id '{id}' appears twice.";
                return false;
            }
        }

        if (parsed.Count == 0)
        {
            error = "no key given.";
            return false;
        }

        return true;
    }
}
