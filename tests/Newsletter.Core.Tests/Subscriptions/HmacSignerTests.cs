using System.Security.Cryptography;
using System.Text;
using Newsletter.Core.Subscriptions;

namespace Newsletter.Core.Tests.Subscriptions;

public class HmacSignerTests
{
    private static readonly byte[][] Keys = Enumerable.Range(0, 6).Select(i => SHA256.HashData(Encoding.UTF8.GetBytes($"key {i}"))).ToArray();

    [Fact]
    public void Sign_MatchesHmacSha256_ForKeysUsedInTurnOnOneThread_MoreKeysThanItKeepsContextsFor()
    {
        // Six keys in turn, three rounds: contexts are reused, replaced and made again; every MAC is still the key's own.
        for (var round = 0; round < 3; round++)
        {
            for (var k = 0; k < Keys.Length; k++)
            {
                var data = Encoding.UTF8.GetBytes($"reader:{round}-{k}");
                Assert.Equal(HMACSHA256.HashData(Keys[k], data), HmacSigner.Sign(Keys[k], data));
            }
        }
    }

    [Fact]
    public void Sign_MatchesHmacSha256_OnManyThreadsAtOnce()
    {
        var mismatches = 0;
        Parallel.For(0, 2_000, i =>
        {
            var key = Keys[i % 3];
            var data = Encoding.UTF8.GetBytes($"u|{i}|1764666000|0");
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HmacSigner.Sign(key, data, mac);
            if (!mac.SequenceEqual(HMACSHA256.HashData(key, data)))
            {
                Interlocked.Increment(ref mismatches);
            }
        });

        Assert.Equal(0, mismatches);
    }
}
