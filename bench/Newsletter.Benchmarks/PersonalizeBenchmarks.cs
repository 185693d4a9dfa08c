using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using Newsletter.Core;
using Newsletter.Core.Delivery;
using Newsletter.Core.Mail;
using Newsletter.Core.Subscriptions;

namespace Newsletter.Benchmarks;

/// <summary>
/// One reader's personalization as the dispatcher makes it while the request body is written: two signed
/// tokens and links, the greeting, the List-Unsubscribe headers and the ids. The dispatch makes a million of
/// them for a million readers, so its time and bytes allocated are per reader.
/// </summary>
[MemoryDiagnoser]
public class PersonalizeBenchmarks
{
    private DigestMessageFactory _factory = null!;
    private readonly Recipient _recipient = new("4f3a9c2e1b0d847a65b3c2d1e0f9a8b7", "reader123456@example.org", "Ada Lovelace");

    [GlobalSetup]
    public void Setup()
    {
        var app = Options.Create(new AppOptions { BaseUrl = "https://news.example.org", NetworkName = "Network Updates" });
        var tokens = new TokenService(Options.Create(new TokenOptions { Keys = $"k:{Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))}" }), TimeProvider.System);
        var links = new ReaderLinks(tokens, new Links(app, Options.Create(new SubscriptionOptions())), Options.Create(new SubscriptionOptions()));
        _factory = new DigestMessageFactory(links, Options.Create(new DeliveryOptions()), Options.Create(new MailOptions { From = "updates@news.example.org" }), app);
    }

    [Benchmark]
    public Personalization Personalize() => _factory.Personalize("daily-20261202T0700", _recipient);
}
