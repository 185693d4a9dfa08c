using System.Text;
using CsCheck;
using Newsletter.Core.Releases;

namespace Newsletter.Core.Tests.Releases;

/// <summary>Random and mutated uploads never make a parser throw or hang: they are accepted or rejected with a code.</summary>
public class ParserPropertyTests
{
    private static readonly string[] Extensions = [".txt", ".md", ".html", ".eml", ".json"];

    private static readonly byte[][] Seeds =
    [
        SeedReleaseTests.Seed(),
        "---\ntitle: A\ndate: 2020-01-02\ntopics: [x, y]\n---\n# A\n\nBody *text* [link](https://x.example) <b>b</b>\n"u8.ToArray(),
        "<html lang=en><head><title>T | Site</title><meta name=author content=X></head><body><nav>a|b|c</nav><article><h1>T</h1><time datetime=2020-01-01></time><p>Body <a href=javascript:x>l</a></p><svg onload=x></svg></article></body></html>"u8.ToArray(),
        "From: \"X\" <a@b.c>\r\nSubject: Fwd: T\r\nDate: Tue, 05 Mar 2024 10:00:00 +0100\r\nContent-Type: multipart/alternative; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nBody text\r\n--b\r\nContent-Type: text/html\r\n\r\n<p>Body</p>\r\n--b--\r\n"u8.ToArray(),
        "{\"title\":\"T\",\"date\":\"2020-01-02\",\"body\":\"Body\",\"topics\":[\"a\"],\"url\":\"https://x.example\"}"u8.ToArray(),
    ];

    private static readonly byte[][] Fragments =
        [.. new[] { "---", "\n", "\r\n", "<script>", "</p>", "<!--", "--b", "--b--", "{", "\"", ":", "[", "&#0;", "\u202E", "\u00A0", "2020-13-45", "11 Dec 2019", "|", "\0", "\uFFFD" }
            .Select(Encoding.UTF8.GetBytes)];

    private static readonly Gen<byte[]> Mutated =
        Gen.Select(Gen.Int[0, Seeds.Length - 1], Gen.Select(Gen.Int[0, 3], Gen.Int[0, int.MaxValue], Gen.Int[0, Fragments.Length - 1]).Array[1, 12])
            .Select(x =>
            {
                var bytes = new List<byte>(Seeds[x.Item1]);
                foreach (var (kind, where, fragment) in x.Item2)
                {
                    var at = bytes.Count == 0 ? 0 : where % bytes.Count;
                    switch (kind)
                    {
                        case 0: bytes.InsertRange(at, Fragments[fragment]); break;
                        case 1: bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + (where % 40))); break;
                        case 2 when bytes.Count > 0: bytes[at] = (byte)(bytes[at] ^ (1 << (where % 8))); break;
                        default: bytes.InsertRange(at, bytes.GetRange(0, Math.Min(bytes.Count, where % 200))); break;
                    }
                }

                return bytes.ToArray();
            });

    private static readonly Gen<(byte[] Content, string Extension)> Uploads =
        Gen.Select(
            Gen.Frequency((1, Gen.Byte.Array[0, 3000]), (1, Gen.String.Select(s => Encoding.UTF8.GetBytes(s))), (4, Mutated)),
            Gen.Int[0, Extensions.Length - 1].Select(i => Extensions[i]));

    [Fact]
    public async Task RandomAndMutatedUploads_AreAcceptedOrRejected_NeverThrowOrHang()
    {
        var count = 0;
        var run = Task.Run(() => Uploads.Sample(upload =>
        {
            Interlocked.Increment(ref count);
            var result = ReleaseParser.Parse(upload.Content, "upload" + upload.Extension);
            if (result.Accepted)
            {
                var release = result.Release!;
                Assert.False(string.IsNullOrWhiteSpace(release.Title));
                Assert.DoesNotContain(release.Title, char.IsControl);
                Assert.True(release.Summary.Length <= 300);
            }
            else
            {
                Assert.False(string.IsNullOrWhiteSpace(result.Rejection!.Code));
                Assert.False(string.IsNullOrWhiteSpace(result.Rejection.Message));
            }
        }, iter: 12_000, threads: 1));

        // Not a performance assertion: a generous bound that only a hang can exceed.
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromMinutes(5)));
        Assert.True(finished == run, $"parsing hung after {count} inputs");
        await run;
        Assert.True(count >= 12_000, $"only {count} inputs were tried");
    }
}
