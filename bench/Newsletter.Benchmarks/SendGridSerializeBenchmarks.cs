using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Newsletter.Core;
using Newsletter.Core.Delivery;
using Newsletter.Core.Editions;
using Newsletter.Core.Subscriptions;
using Newsletter.Infrastructure.Mail;
using Newsletter.Testing;

namespace Newsletter.Benchmarks;

/// <summary>
/// The body of one full SendGrid request: a rendering of 8 updates by the built-in templates (HTML about
/// 13 KB, text about 5 KB) and 1,000 personalizations as the dispatcher builds them (greeting, signed
/// unsubscribe and preferences links, List-Unsubscribe headers, edition and reader ids). The SDK's way (its
/// model, <c>Serialize()</c> to a string, the UTF-8 bytes <c>StringContent</c> sends) against
/// <see cref="SendGridMailContent"/> writing to a stream.
/// </summary>
[MemoryDiagnoser]
public class SendGridSerializeBenchmarks
{
    private BulkMessage _message = null!;

    private sealed class NoOverrides : ITemplateStore
    {
        public Task<TemplateSource?> GetAsync(string name, CancellationToken cancellationToken) => Task.FromResult<TemplateSource?>(null);
    }

    [GlobalSetup]
    public void Setup()
    {
        var app = Options.Create(new AppOptions { BaseUrl = "https://news.example.org", NetworkName = "Science Network" });
        var renderer = new EditionRenderer(new EditionTemplates(new NoOverrides(), NullLogger<EditionTemplates>.Instance), app, Options.Create(new DigestOptions()));
        var (title, paragraphs) = ParseBenchmarks.Sample();
        var summary = Newsletter.Core.Releases.Parsing.TextCleaner.CutAtWord(string.Join(' ', paragraphs), 300);
        var content = new EditionContent("daily-20191211T0700", "daily", new DateTimeOffset(2019, 12, 11, 7, 0, 0, TimeSpan.Zero), [],
            Enumerable.Range(1, 8).Select(i => new EditionItem($"u{i:D4}", $"{title} ({i})", "University College London",
                new DateOnly(2019, 12, 11), summary, [])).ToArray());
        var rendered = renderer.RenderAsync(content, CancellationToken.None).GetAwaiter().GetResult();

        var tokens = new TokenService(Options.Create(new TokenOptions { Keys = "bench:" + Convert.ToBase64String(new byte[32]) }), TimeProvider.System);
        var links = new Links(app, Options.Create(new SubscriptionOptions()));
        _message = new BulkMessage("updates@news.example.org", "Science Network", rendered.Subject, rendered.Html, rendered.Text,
            new Dictionary<string, string> { ["List-Id"] = "Science Network daily digest <daily.news.example.org>" },
            ["daily", "digest"],
            Enumerable.Range(0, 1000).Select(i =>
            {
                var id = $"rdr{i:D7}";
                var name = i % 3 == 0 ? null : i % 3 == 1 ? $"Reader {i}" : $"Zoë Ångström {i}";
                var unsubscribe = links.Unsubscribe(tokens.Issue(TokenPurpose.Unsubscribe, id));
                return new Personalization($"reader{i}@example.org", name,
                    new Dictionary<string, string>
                    {
                        [ReaderPlaceholders.Greeting] = name is null ? "Hello," : string.Create(CultureInfo.InvariantCulture, $"Hello {name},"),
                        [ReaderPlaceholders.UnsubscribeUrl] = unsubscribe,
                        [ReaderPlaceholders.PreferencesUrl] = links.Preferences(tokens.Issue(TokenPurpose.Preferences, id)),
                    },
                    new Dictionary<string, string>
                    {
                        ["List-Unsubscribe"] = $"<{unsubscribe}>, <mailto:unsubscribe@news.example.org?subject=unsubscribe>",
                        ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
                    },
                    new Dictionary<string, string> { ["edition_id"] = content.EditionId, ["reader_id"] = id });
            }).ToArray());

        Console.WriteLine($"// sizes: html {rendered.Html.Length:N0} chars, text {rendered.Text.Length:N0}, SDK body {SdkBody():N0} bytes, streamed body {StreamedBody().GetAwaiter().GetResult():N0} bytes");
    }

    /// <summary>What the transport did per chunk: the SDK model, its Newtonsoft string, the UTF-8 copy.</summary>
    [Benchmark(Baseline = true)]
    public int SdkBody() => Encoding.UTF8.GetBytes(SendGridSdkMessage.From(_message).Serialize()).Length;

    /// <summary>The transport's body written straight to a stream (one that only counts, as the socket would only send).</summary>
    [Benchmark]
    public async Task<long> StreamedBody()
    {
        using var sink = new CountingStream();
        using var body = new SendGridMailContent(_message);
        await body.CopyToAsync(sink);
        return sink.Length;
    }

    /// <summary>A write-only stream that counts the bytes and keeps none.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => _length = value;
        public override void Write(byte[] buffer, int offset, int count) => _length += count;
        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}
