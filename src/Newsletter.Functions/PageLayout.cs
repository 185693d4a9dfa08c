using System.Net;
using Microsoft.Extensions.Options;
using Newsletter.Core;
using Newsletter.Core.Subscriptions;

namespace Newsletter.Functions;

/// <summary>
/// The frame of every web page the app serves (subscription pages, the archive, update pages): plain
/// HTML and one small style sheet, readable on a phone, with the network's name and the privacy link.
/// </summary>
public sealed class PageLayout(IOptions<AppOptions> app, Links links)
{
    private const string Styles = """
        body{margin:0;font:1.05rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1a1a;background:#f6f7f9}
        main{max-width:36rem;margin:0 auto;padding:1.5rem 1rem 3rem;background:#fff;min-height:100vh;box-sizing:border-box}
        header{font-weight:600;color:#0b5394;margin-bottom:1rem}
        h1{font-size:1.6rem;line-height:1.25;margin:.2rem 0 1rem}
        h2{font-size:1.2rem;margin:1.8rem 0 .6rem}
        a{color:#0b5394}
        .field{margin:0 0 1.1rem}
        label{display:block;font-weight:600;margin-bottom:.3rem}
        input[type=email],input[type=text]{width:100%;box-sizing:border-box;font:inherit;padding:.55rem .65rem;border:2px solid #5f6b7a;border-radius:4px}
        fieldset{border:1px solid #c5ccd6;border-radius:4px;margin:0 0 1.1rem;padding:.6rem .9rem .8rem}
        legend{font-weight:600;padding:0 .3rem}
        .check{display:flex;align-items:center;gap:.5rem;margin:.35rem 0}
        .check label{display:inline;font-weight:400;margin:0}
        .check input{width:1.25rem;height:1.25rem;margin:0}
        .hint{margin:.2rem 0 .4rem;color:#4a5562;font-size:.95rem}
        button,.button{display:inline-block;font:inherit;font-weight:600;padding:.65rem 1.3rem;border:0;border-radius:4px;background:#0b5394;color:#fff;text-decoration:none;cursor:pointer}
        button.secondary{background:#fff;color:#0b5394;border:2px solid #0b5394}
        .danger button{background:#a4262c}
        :focus-visible{outline:3px solid #f0a30a;outline-offset:2px}
        .error{color:#a4262c;font-weight:600;margin:.2rem 0 .4rem}
        .invalid input{border-color:#a4262c}
        .summary{border:3px solid #a4262c;padding:.4rem 1rem;margin:0 0 1.2rem;border-radius:4px}
        .summary h2{margin:.4rem 0;font-size:1.1rem}
        .notice{border-left:4px solid #2e7d32;padding:.4rem .8rem;background:#eef7ee}
        .consent{font-size:.95rem;color:#333}
        footer{margin-top:2.5rem;border-top:1px solid #e1e5ea}
        .hp{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}
        .meta{color:#4a5562;font-size:.95rem;margin:-.6rem 0 1.2rem}
        .list{list-style:none;padding:0;margin:0}
        .list li{padding:.8rem 0;border-top:1px solid #e1e5ea}
        .list .meta{margin:.1rem 0 0}
        article p{margin:0 0 1rem}
        article table{border-collapse:collapse}
        article td,article th{border:1px solid #c5ccd6;padding:.3rem .5rem}
        """;

    public string Render(string title, string body)
    {
        var network = E(app.Value.NetworkName);
        return $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{E(title)}} · {{network}}</title>
            <style>
            {{Styles}}
            </style>
            </head>
            <body>
            <main>
            <header>{{network}}</header>
            {{body}}
            <footer><p class="hint"><a href="{{E(links.Privacy)}}">Privacy notice</a></p></footer>
            </main>
            </body>
            </html>
            """;
    }

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
