using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Newsletter.Core.Subscriptions;

/// <summary>Where a reader lives: its id and bucket.</summary>
public readonly record struct ReaderKey(string Id, int Bucket)
{
    /// <summary>The id carries its bucket so a token (which holds only the id) finds the row directly.</summary>
    public static bool TryParse(string? value, out ReaderKey key)
    {
        key = default;
        if (value is not { Length: 32 } || !value.All(char.IsAsciiHexDigitLower))
        {
            return false;
        }

        key = new ReaderKey(value, BucketOf(Convert.FromHexString(value)));
        return true;
    }

    internal static int BucketOf(ReadOnlySpan<byte> hash) => (int)(BinaryPrimitives.ReadUInt32BigEndian(hash) % ReaderIdentity.Buckets);
}

/// <summary>
/// Names readers by a keyed hash (HMAC-SHA256 with <c>Subscriptions:AddressHashKey</c>) of their
/// canonical address: the id is the first 16 bytes in hex, the bucket that hash modulo 64. The same
/// key hashes client IPs for the consent record, so neither is kept in the clear.
/// </summary>
public sealed class ReaderIdentity
{
    public const int Buckets = 64;
    private readonly byte[] _key;

    public ReaderIdentity(IOptions<SubscriptionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Secrets.TryDecode(options.Value.AddressHashKey, out _key) || _key.Length < 32)
        {
            throw new OptionsValidationException(SubscriptionOptions.SectionName, typeof(SubscriptionOptions),
                ["Subscriptions:AddressHashKey must be base64 of at least 32 random bytes."]);
        }
    }

    public ReaderKey For(EmailAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var hash = HmacSigner.Sign(_key, Encoding.UTF8.GetBytes("reader:" + address.Key));
        return new ReaderKey(Convert.ToHexStringLower(hash.AsSpan(0, 16)), ReaderKey.BucketOf(hash));
    }

    /// <summary>The same keyed hash for other names (people who sign in): first 16 bytes, hex. The text carries its own prefix.</summary>
    internal string Hash(string text) => Convert.ToHexStringLower(HmacSigner.Sign(_key, Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));

    /// <summary>A salted hash of a client IP: enough to tell two signups apart, not to recover the IP.</summary>
    public string? HashIp(string? ip) => string.IsNullOrWhiteSpace(ip)
        ? null
        : Convert.ToHexStringLower(HmacSigner.Sign(_key, Encoding.UTF8.GetBytes("ip:" + ip)).AsSpan(0, 16));
}
