using System.Security.Cryptography;

namespace Newsletter.Core.Subscriptions;

/// <summary>
/// HMAC-SHA256 with one native context per thread and key, reset after each use. The one-shot
/// <see cref="HMACSHA256.HashData(byte[], ReadOnlySpan{byte}, Span{byte})"/> makes and frees an OpenSSL
/// context (with its provider lookup and locks) on every call, which was most of the cost of a link token;
/// a digest signs two per reader, millions per edition, and a signup post hashes with two keys in turn.
/// </summary>
internal static class HmacSigner
{
    /// <summary>Keys a thread keeps a context for (tokens, reader identity, a rotated key): the oldest is replaced past that.</summary>
    private const int ContextsPerThread = 4;

    [ThreadStatic]
    private static (byte[] Key, IncrementalHash Hash)[]? t_contexts;

    [ThreadStatic]
    private static int t_next;

    /// <summary>Writes the HMAC-SHA256 of <paramref name="data"/> under <paramref name="key"/> into <paramref name="mac"/> (32 bytes).</summary>
    public static void Sign(byte[] key, ReadOnlySpan<byte> data, Span<byte> mac)
    {
        var hash = Context(key);
        hash.AppendData(data);
        hash.GetHashAndReset(mac);
    }

    /// <summary>The HMAC-SHA256 of <paramref name="data"/> under <paramref name="key"/>.</summary>
    public static byte[] Sign(byte[] key, ReadOnlySpan<byte> data)
    {
        var mac = new byte[HMACSHA256.HashSizeInBytes];
        Sign(key, data, mac);
        return mac;
    }

    private static IncrementalHash Context(byte[] key)
    {
        var contexts = t_contexts ??= new (byte[], IncrementalHash)[ContextsPerThread];
        foreach (var (k, hash) in contexts)
        {
            if (ReferenceEquals(k, key))
            {
                return hash;
            }
        }

        var slot = t_next;
        t_next = (slot + 1) % ContextsPerThread;
        contexts[slot].Hash?.Dispose();
        var created = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        contexts[slot] = (key, created);
        return created;
    }
}
