using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Newsletter.Core.Subscriptions;

/// <summary>What a token allows; a token of one purpose is refused for every other.</summary>
public enum TokenPurpose
{
    Confirm,
    Unsubscribe,
    Preferences,

    /// <summary>The signup form's render timestamp.</summary>
    Form,

    /// <summary>A form posted by a signed-in person: the subject names the session.</summary>
    AntiForgery,
}

/// <summary>Why a token was refused.</summary>
public enum TokenFailure
{
    None,
    Missing,
    Malformed,
    UnknownKey,
    BadSignature,
    WrongPurpose,
    Expired,
}

/// <summary>What a valid token says.</summary>
public sealed record TokenClaims(TokenPurpose Purpose, string Subject, DateTimeOffset IssuedAt, DateTimeOffset? ExpiresAt);

/// <summary>The result of checking a token: its claims, or why it was refused.</summary>
public sealed record TokenCheck(TokenClaims? Claims, TokenFailure Failure)
{
    public bool IsValid => Failure == TokenFailure.None;
}

/// <summary>
/// Signed, purpose-bound tokens for links and the form: <c>{keyId}.{payload}.{signature}</c>, where the
/// payload is base64url of <c>purpose|subject|issued|expires</c> (Unix seconds, 0 = never) and the
/// signature is HMAC-SHA256 over <c>{keyId}.{payload}</c> with the key named by the id. Keeping the id
/// in the token lets keys rotate: new tokens use the active key, old ones verify while their key is
/// still listed. Subjects are reader ids (salted hashes), never addresses, so links reveal nothing.
/// </summary>
public sealed class TokenService
{
    private readonly IReadOnlyDictionary<string, byte[]> _keys;
    private readonly string _activeKeyId;
    private readonly TimeProvider _time;

    public TokenService(IOptions<TokenOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!SigningKeys.TryParse(options.Value.Keys, out var keys, out var error))
        {
            throw new OptionsValidationException(TokenOptions.SectionName, typeof(TokenOptions), [$"Tokens:Keys: {error}"]);
        }

        _keys = keys;
        _activeKeyId = string.IsNullOrEmpty(options.Value.ActiveKeyId) ? keys.Keys.First() : options.Value.ActiveKeyId;
        if (!_keys.ContainsKey(_activeKeyId))
        {
            throw new OptionsValidationException(TokenOptions.SectionName, typeof(TokenOptions), [$"Tokens:ActiveKeyId '{_activeKeyId}' is not a listed key."]);
        }

        _time = time;
    }

    /// <summary>
    /// A new token. <paramref name="issuedAt"/> dates it later than now (at most a second, for the first
    /// link of a new generation); by default it is dated now.
    /// </summary>
    public string Issue(TokenPurpose purpose, string subject, TimeSpan? lifetime = null, DateTimeOffset? issuedAt = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        if (subject.Contains('|', StringComparison.Ordinal))
        {
            throw new ArgumentException("A token subject cannot contain '|'.", nameof(subject));
        }

        var now = _time.GetUtcNow();
        if (issuedAt is { } dated)
        {
            now = dated < now ? now : dated;
            if (now - _time.GetUtcNow() > TimeSpan.FromSeconds(1))
            {
                throw new ArgumentOutOfRangeException(nameof(issuedAt), "A token can be dated at most a second ahead.");
            }
        }

        var expires = lifetime is { } l ? now.Add(l).ToUnixTimeSeconds() : 0;
        var payload = string.Create(CultureInfo.InvariantCulture, $"{Code(purpose)}|{subject}|{now.ToUnixTimeSeconds()}|{expires}");

        // keyId "." base64url(payload) "." base64url(HMAC of what precedes), built in one buffer: a digest
        // sends two tokens per reader, so this runs millions of times per edition.
        var payloadBytes = Encoding.UTF8.GetMaxByteCount(payload.Length) <= 512 ? stackalloc byte[512] : new byte[Encoding.UTF8.GetMaxByteCount(payload.Length)];
        payloadBytes = payloadBytes[..Encoding.UTF8.GetBytes(payload, payloadBytes)];
        var length = Encoding.UTF8.GetByteCount(_activeKeyId) + 1 + Base64Url.GetEncodedLength(payloadBytes.Length) + 1 + Base64Url.GetEncodedLength(HMACSHA256.HashSizeInBytes);
        var token = length <= 1024 ? stackalloc byte[1024] : new byte[length];
        var at = Encoding.UTF8.GetBytes(_activeKeyId, token);
        token[at++] = (byte)'.';
        at += Base64Url.EncodeToUtf8(payloadBytes, token[at..]);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HmacSigner.Sign(_keys[_activeKeyId], token[..at], mac);
        token[at++] = (byte)'.';
        at += Base64Url.EncodeToUtf8(mac, token[at..]);
        return Encoding.UTF8.GetString(token[..at]);
    }

    public TokenCheck Verify(string? token, TokenPurpose expected)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return Fail(TokenFailure.Missing);
        }

        if (token.Length > 512)
        {
            return Fail(TokenFailure.Malformed);
        }

        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return Fail(TokenFailure.Malformed);
        }

        if (!_keys.TryGetValue(parts[0], out var key))
        {
            return Fail(TokenFailure.UnknownKey);
        }

        if (!TryDecodeCanonical(parts[2], out var signature) || !TryDecodeCanonical(parts[1], out var payloadBytes))
        {
            return Fail(TokenFailure.Malformed);
        }

        if (!CryptographicOperations.FixedTimeEquals(signature, Sign(key, parts[0] + "." + parts[1])))
        {
            return Fail(TokenFailure.BadSignature);
        }

        // Signed by us, so the payload is well-formed unless the format itself changed.
        var fields = Encoding.UTF8.GetString(payloadBytes).Split('|');
        if (fields.Length != 4 || Purpose(fields[0]) is not { } purpose
            || !long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var issued)
            || !long.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return Fail(TokenFailure.Malformed);
        }

        if (purpose != expected)
        {
            return Fail(TokenFailure.WrongPurpose);
        }

        var claims = new TokenClaims(purpose, fields[1], DateTimeOffset.FromUnixTimeSeconds(issued),
            expires == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(expires));
        if (claims.ExpiresAt is { } at && _time.GetUtcNow() >= at)
        {
            return new TokenCheck(claims, TokenFailure.Expired);
        }

        return new TokenCheck(claims, TokenFailure.None);
    }

    private static TokenCheck Fail(TokenFailure failure) => new(null, failure);

    /// <summary>
    /// Decodes base64url only in the one form <see cref="Issue"/> writes: the decoder alone skips
    /// whitespace and accepts padding and stray trailing bits, so one token could be spelled many ways.
    /// </summary>
    private static bool TryDecodeCanonical(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length == 0 || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return false;
        }

        try
        {
            bytes = Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return false;
        }

        return string.Equals(Base64Url.EncodeToString(bytes), text, StringComparison.Ordinal);
    }

    private static byte[] Sign(byte[] key, string text) => HmacSigner.Sign(key, Encoding.UTF8.GetBytes(text));

    private static string Code(TokenPurpose purpose) => purpose switch
    {
        TokenPurpose.Confirm => "c",
        TokenPurpose.Unsubscribe => "u",
        TokenPurpose.Preferences => "p",
        TokenPurpose.Form => "f",
        TokenPurpose.AntiForgery => "a",
        _ => throw new ArgumentOutOfRangeException(nameof(purpose)),
    };

    private static TokenPurpose? Purpose(string code) => code switch
    {
        "c" => TokenPurpose.Confirm,
        "u" => TokenPurpose.Unsubscribe,
        "p" => TokenPurpose.Preferences,
        "f" => TokenPurpose.Form,
        "a" => TokenPurpose.AntiForgery,
        _ => null,
    };
}
