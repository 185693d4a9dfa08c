using System.Text;
using System.Text.Encodings.Web;
using BenchmarkDotNet.Attributes;
using Newsletter.Core.Releases;

namespace Newsletter.Benchmarks;

/// <summary>
/// Parse throughput per upload format on a ~3 KB release (the seed's title, meta line and the first
/// paragraphs of its body, written in each format). Goal: 5,000 releases/s per core, i.e. at most 200 µs each.
/// </summary>
[MemoryDiagnoser]
public class ParseBenchmarks
{
    private static readonly string[] Topics = ["health"];
    private byte[] _content = [];
    private string _fileName = string.Empty;

    [Params("txt", "md", "html", "eml", "json")]
    public string Format { get; set; } = "txt";

    [GlobalSetup]
    public void Setup()
    {
        var (title, paragraphs) = Sample();
        var body = string.Join("\n\n", paragraphs);
        var html = string.Concat(paragraphs.Select(p => $"<p>{HtmlEncoder.Default.Encode(p)}</p>\n"));
        var text = Format switch
        {
            "txt" => $"{title}\n\n11 Dec 2019 | Network Updates | Update from University College London\nThese updates are republished press releases and communications from members of the Science|Business Network\n\n{body}\n",
            "md" => $"---\ntitle: {title}\ndate: 2019-12-11\norganisation: University College London\ntopics: [health, research]\n---\n# {title}\n\n{body}\n",
            "html" => $"<!doctype html><html lang=\"en\"><head><title>{title} | Science|Business</title><meta name=\"author\" content=\"University College London\"><meta property=\"article:published_time\" content=\"2019-12-11\"></head><body><nav>Home | News | Events</nav><article><h1>{title}</h1>{html}</article><footer>All rights reserved.</footer></body></html>",
            "eml" => $"From: \"University College London\" <press@ucl.example>\r\nSubject: Fwd: {title}\r\nDate: Wed, 11 Dec 2019 10:00:00 +0000\r\nMIME-Version: 1.0\r\nContent-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n--b1\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}\r\n--b1--\r\n",
            "json" => System.Text.Json.JsonSerializer.Serialize(new { title, date = "2019-12-11", organisation = "University College London", body, topics = Topics }),
            _ => throw new InvalidOperationException(Format),
        };
        _content = Encoding.UTF8.GetBytes(text);
        _fileName = "release." + Format;
        if (!ReleaseParser.Parse(_content, _fileName).Accepted)
        {
            throw new InvalidOperationException($"The {Format} sample is rejected: {ReleaseParser.Parse(_content, _fileName).Rejection}");
        }
    }

    [Benchmark]
    public ParsedRelease? Parse() => ReleaseParser.Parse(_content, _fileName).Release;

    /// <summary>The seed's title and enough of its body for about 3 KB.</summary>
    internal static (string Title, List<string> Paragraphs) Sample()
    {
        using var stream = typeof(ParseBenchmarks).Assembly.GetManifestResourceStream("seed.txt")!;
        var release = ReleaseParser.Parse(new BinaryReader(stream).ReadBytes((int)stream.Length), "seed.txt").Release!;
        var paragraphs = new List<string>();
        var size = 0;
        foreach (var paragraph in release.BodyText.Split("\n\n"))
        {
            if (size > 2600)
            {
                break;
            }

            paragraphs.Add(paragraph);
            size += Encoding.UTF8.GetByteCount(paragraph);
        }

        return (release.Title, paragraphs);
    }
}
