using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using Newsletter.Core.Subscriptions;

namespace Newsletter.Benchmarks;

/// <summary>
/// A digest signs two link tokens per reader (unsubscribe, preferences): 2 million HMAC-SHA256 for a million readers.
/// <c>TokenIssue</c> is the project's path; the other rows are the primitive alone, one-shot (a native HMAC context
/// made and freed per call) against one context per thread reset after each use.
/// </summary>
[MemoryDiagnoser]
public class TokenBenchmarks
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] Payload = "k.dXw0ZjNhOWMyZTFiMGQ4NDdhNjViM2MyZDFlMGY5YThiN3wxNzY0NjY2MDAwfDA"u8.ToArray();
    private readonly byte[] _mac = new byte[HMACSHA256.HashSizeInBytes];
    private readonly IncrementalHash _incremental = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Key);
    private TokenService _tokens = null!;

    [GlobalSetup]
    public void Setup() =>
        _tokens = new TokenService(Options.Create(new TokenOptions { Keys = $"k:{Convert.ToBase64String(Key)}" }), TimeProvider.System);

    [Benchmark(Baseline = true)]
    public string TokenIssue() => _tokens.Issue(TokenPurpose.Unsubscribe, "4f3a9c2e1b0d847a65b3c2d1e0f9a8b7");

    [Benchmark]
    public int HmacOneShot() => HMACSHA256.HashData(Key, Payload, _mac);

    [Benchmark]
    public int HmacReusedContext()
    {
        _incremental.AppendData(Payload);
        return _incremental.GetHashAndReset(_mac);
    }
}
