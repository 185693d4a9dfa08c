using System.Diagnostics;
using System.Text;
using AngleSharp.Html.Parser;
using Newsletter.Core.Releases;

namespace Newsletter.Benchmarks;

/// <summary>
/// Wall time of hostile nesting under the upload limit: deeply nested markup in each format, parsed
/// once each (a whole upload, not a micro-benchmark). Shows that parsing stays linear and that too
/// deep an input is refused quickly with its own code.
/// <c>dotnet run -c Release --project bench/Newsletter.Benchmarks -- nesting [depth...]</c>
/// </summary>
public static class NestingBench
{
    public static int Run(string[] args)
    {
        var depths = args.Length > 0 ? args.Select(int.Parse).ToArray() : [200, 20_000, 100_000, 200_000];
        var cases = new (string Name, string File, Func<int, string> Make)[]
        {
            ("div", "n.html", d => Html(Repeat("<div>", d) + "<p>" + Body + "</p>" + Repeat("</div>", d))),
            ("b (unclosed)", "n.html", d => Html("<p>" + Body + "</p>" + Repeat("<b>", d) + "x")),
            ("dd", "n.html", d => Html("<dl>" + Repeat("<dd>", d) + Body + "</dl>")),
            ("span in p", "n.html", d => Html("<p>" + Body + Repeat("<span>", d) + "x" + Repeat("</span>", d) + "</p>")),
            ("md >", "n.md", d => "# Title of the release\n\n" + Body + "\n\n" + Repeat(">", d) + " quoted\n"),
            ("md list", "n.md", d => "# Title of the release\n\n" + Body + "\n\n" + Repeat("- ", d) + "x\n"),
            ("eml html", "n.eml", d => "Subject: Title of the release\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + Repeat("<div>", d) + "<p>" + Body + "</p>"),
            ("wide img", "n.html", d => Html("<p>" + Body + "</p>" + Repeat("<img>", d))),
            ("wide p", "n.html", d => Html(Repeat("<p>" + Body + "</p>", d / 10))),
            ("wide nav", "n.html", d => Html("<p>" + Body + "</p>" + Repeat("<nav>x</nav>", d))),
        };

        Console.WriteLine($"{"input",-14} {"depth",8} {"bytes",10} {"parse only",12} {"whole upload",14}  outcome");
        foreach (var (name, file, make) in cases)
        {
            foreach (var depth in depths)
            {
                var text = make(depth);
                var bytes = Encoding.UTF8.GetBytes(text);
                if (bytes.Length > 5 * 1024 * 1024)
                {
                    Console.WriteLine($"{name,-14} {depth,8} {bytes.Length,10}  over the 5 MiB limit, skipped");
                    continue;
                }

                // The bare parser, unbounded, for comparison: quadratic in depth, so only where it ends in seconds.
                var parseOnly = file == "n.html" && depth <= 20_000 ? Time(() => new HtmlParser().ParseDocument(text)) : (TimeSpan?)null;
                ParseResult? result = null;
                var whole = Time(() => result = ReleaseParser.Parse(bytes, file));
                var outcome = result!.Accepted ? "accepted" : result.Rejection!.Code;
                Console.WriteLine($"{name,-14} {depth,8} {bytes.Length,10} {(parseOnly is { } p ? $"{p.TotalMilliseconds:N0}ms" : "-"),12} {whole.TotalMilliseconds,12:N0}ms  {outcome}");
            }
        }

        return 0;
    }

    private const string Body = "The consortium will build a shared data platform for climate research across twelve countries over four years.";

    private static string Html(string body) => "<!doctype html><html><head><title>Title of the release</title></head><body><h1>Title of the release</h1>" + body + "</body></html>";

    private static string Repeat(string s, int n) => new StringBuilder(s.Length * n).Insert(0, s, n).ToString();

    private static TimeSpan Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed;
    }
}
