namespace Newsletter.Web.Layout;

/// <summary>The site's one style sheet, inlined in every page (the content security policy allows inline styles only).</summary>
internal static class SiteStyles
{
    public const string Css = """
        :root{--accent:#0b5394;--muted:#4a5562;--line:#e1e5ea;--bad:#a4262c}
        *,*::before,*::after{box-sizing:border-box}
        body{margin:0;font:1.05rem/1.55 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1a1a;background:#f6f7f9;overflow-wrap:anywhere}
        header.site,main,footer.site{max-width:40rem;margin:0 auto;padding:1rem;background:#fff}
        header.site{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;align-items:center;justify-content:space-between;border-bottom:1px solid var(--line)}
        header.site .brand{font-weight:700;text-decoration:none;display:flex;align-items:center;gap:.5rem}
        header.site .brand img{max-height:2.5rem;width:auto}
        header.site nav{display:flex;gap:1rem}
        main{padding-bottom:2.5rem;min-height:60vh}
        footer.site{border-top:1px solid var(--line);color:var(--muted);font-size:.95rem}
        .skip{position:absolute;left:-10000px}
        .skip:focus{left:1rem;top:1rem;background:#fff;padding:.4rem .8rem;z-index:1}
        h1{font-size:1.6rem;line-height:1.25;margin:.4rem 0 1rem}
        h2{font-size:1.2rem;margin:1.8rem 0 .6rem}
        a{color:var(--accent)}
        img,video,iframe{max-width:100%;height:auto}
        pre{white-space:pre-wrap}
        .field{margin:0 0 1.1rem}
        label{display:block;font-weight:600;margin-bottom:.3rem}
        input[type=email],input[type=text]{width:100%;font:inherit;padding:.55rem .65rem;border:2px solid #5f6b7a;border-radius:4px}
        fieldset{border:1px solid #c5ccd6;border-radius:4px;margin:0 0 1.1rem;padding:.6rem .9rem .8rem;min-width:0}
        legend{font-weight:600;padding:0 .3rem}
        .check{display:flex;align-items:center;gap:.5rem;margin:.35rem 0}
        .check label{display:inline;font-weight:400;margin:0}
        .check input{width:1.25rem;height:1.25rem;margin:0;flex:none}
        .hint{margin:.2rem 0 .4rem;color:var(--muted);font-size:.95rem}
        button,.button{display:inline-block;font:inherit;font-weight:600;padding:.65rem 1.3rem;border:0;border-radius:4px;background:var(--accent);color:#fff;text-decoration:none;cursor:pointer}
        button.secondary{background:#fff;color:var(--accent);border:2px solid var(--accent)}
        .danger button{background:var(--bad)}
        :focus-visible{outline:3px solid #f0a30a;outline-offset:2px}
        .error{color:var(--bad);font-weight:600;margin:.2rem 0 .4rem}
        .invalid input{border-color:var(--bad)}
        .summary{border:3px solid var(--bad);padding:.4rem 1rem;margin:0 0 1.2rem;border-radius:4px}
        .summary h2{margin:.4rem 0;font-size:1.1rem}
        .notice{border-left:4px solid #2e7d32;padding:.4rem .8rem;background:#eef7ee}
        .notice.warning{border-color:#b26a00;background:#fff6e5}
        .empty{border:1px dashed #c5ccd6;border-radius:4px;padding:.8rem 1rem;color:var(--muted)}
        .empty h2{margin:0 0 .3rem;font-size:1.1rem;color:#1a1a1a}
        .consent{font-size:.95rem;color:#333}
        .hp{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}
        .meta{color:var(--muted);font-size:.95rem;margin:-.6rem 0 1.2rem}
        .meta.times{margin:1.5rem 0 0}
        .list{list-style:none;padding:0;margin:0}
        .list li{padding:.8rem 0;border-top:1px solid var(--line)}
        .list .meta{margin:.1rem 0 0}
        .table-wrap{overflow-x:auto}
        table.data{border-collapse:collapse;width:100%}
        table.data caption{text-align:left}
        table.data th,table.data td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid var(--line);vertical-align:top;overflow-wrap:normal;word-break:normal}
        table.data th{white-space:nowrap}
        nav.pages{display:flex;justify-content:space-between;margin:1.2rem 0}
        article p{margin:0 0 1rem}
        article table{border-collapse:collapse;display:block;overflow-x:auto}
        article td,article th{border:1px solid #c5ccd6;padding:.3rem .5rem}
        figure.lead{margin:0 0 1.2rem}
        figure.lead img{display:block;width:100%;height:auto;border-radius:4px;background:var(--line)}
        img.candidate-image{display:block;max-width:100%;height:auto;border-radius:4px;margin:0 0 1rem}
        figure.lead figcaption{font-size:.95rem;margin-top:.4rem}
        figure.lead .credit{color:var(--muted);display:block}
        .cta{margin:1.5rem 0}
        body.wide header.site,body.wide main,body.wide footer.site{max-width:76rem}
        nav.console{display:flex;flex-wrap:wrap;gap:.3rem 1.1rem;margin:0 0 1rem;padding:.5rem 0;border-bottom:1px solid var(--line)}
        nav.console a[aria-current=page]{font-weight:700;text-decoration:none}
        nav.console form{margin-left:auto}
        nav.console button{padding:.25rem .8rem}
        .columns{display:grid;gap:1.5rem;grid-template-columns:minmax(0,3fr) minmax(0,2fr)}
        @media (max-width:50rem){.columns{grid-template-columns:minmax(0,1fr)}}
        .preview{border:2px dashed #c5ccd6;border-radius:4px;padding:0 1rem}
        textarea{width:100%;font:inherit;padding:.55rem .65rem;border:2px solid #5f6b7a;border-radius:4px}
        select,input[type=date],input[type=search]{font:inherit;padding:.4rem .5rem;border:2px solid #5f6b7a;border-radius:4px}
        del{background:#fde7e9;color:#6e0b12}
        ins{background:#e3f4e4;color:#0c4a12;text-decoration:none;border-bottom:2px solid #2e7d32}
        .filters{display:flex;flex-wrap:wrap;gap:.6rem 1rem;align-items:flex-end}
        .filters .field{margin:0}
        .stack>*+*{margin-top:1rem}
        figure.chart{margin:1rem 0 1.5rem}
        figure.chart figcaption{font-weight:700;margin:0 0 .4rem}
        svg.chart{display:block;width:100%;max-width:40rem;min-width:34rem;height:auto}
        .chart-box{overflow-x:auto}
        progress{width:100%;max-width:40rem;height:1.3rem}
        dl.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(9rem,1fr));gap:.6rem 1rem;margin:0 0 1rem}
        dl.figures div{border:1px solid var(--line);border-radius:4px;padding:.4rem .6rem}
        dl.figures dt{color:var(--muted);font-size:.9rem}
        dl.figures dd{margin:0;font-size:1.3rem;font-weight:700}
        """;
}
