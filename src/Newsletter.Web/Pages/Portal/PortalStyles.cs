namespace Newsletter.Web.Pages.Portal;

/// <summary>The portal's additions to the site's style sheet (inline, as the content security policy wants).</summary>
internal static class PortalStyles
{
    public const string Css = """
        nav.portal{display:flex;flex-wrap:wrap;gap:.3rem 1rem;margin:0 0 1.2rem;padding:0 0 .6rem;border-bottom:1px solid var(--line)}
        nav.portal a[aria-current=page]{font-weight:700;text-decoration:none;color:#1a1a1a}
        .drop{position:relative;border:3px dashed #5f6b7a;border-radius:6px;padding:1.2rem;text-align:center;background:#f9fafb;margin:0 0 1rem}
        .drop:focus-within{border-color:var(--accent);background:#eef4fb}
        .drop input[type=file]{display:block;width:100%;min-height:4rem;margin:.6rem 0 0;font:inherit;cursor:pointer}
        textarea,input[type=date],input[type=url],input[type=tel]{width:100%;font:inherit;padding:.55rem .65rem;border:2px solid #5f6b7a;border-radius:4px}
        textarea{min-height:14rem}
        .invalid textarea{border-color:var(--bad)}
        .contacts{display:grid;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));gap:0 .8rem}
        .actions{display:flex;flex-wrap:wrap;gap:.6rem;align-items:center;margin:1.2rem 0}
        .actions form{margin:0}
        .status{display:inline-block;padding:.05rem .45rem;border-radius:3px;font-size:.9rem;font-weight:600;background:#e8ebef;color:#1a1a1a}
        .status.published{background:#e3f1e4;color:#1b5e20}
        .status.rejected{background:#fbe9ea;color:#8a1c21}
        .status.pending-review,.status.scheduled,.status.processing{background:#fff3d6;color:#6b4200}
        .live-preview{margin:-.4rem 0 1.2rem}
        .live-preview h2{font-size:1.05rem;margin:0 0 .3rem}
        .preview{border:1px solid #c5ccd6;border-radius:6px;padding:.4rem 1rem;margin:0 0 1.2rem}
        .preview .article-title{font-size:1.6rem;line-height:1.25;margin:.4rem 0 1rem}
        .digest{background:#f2f4f7;padding:.8rem;border-radius:6px;margin:0 0 1.2rem}
        .digest .entry{background:#fff;padding:16px 24px;border-top:1px solid #e3e7ec;font-family:Arial,Helvetica,sans-serif;max-width:600px}
        .digest .entry h3{font-size:18px;line-height:24px;margin:0 0 4px}
        .digest .entry h3 a{color:#0b5cad;text-decoration:none}
        .digest .entry .meta{font-size:13px;color:#5b6b7b;margin:0 0 8px}
        .digest .entry p{font-size:15px;line-height:22px;margin:0 0 8px}
        .digest .entry img.lead{display:block;width:100%;max-width:552px;height:auto;border:0;margin:0 0 4px}
        .digest .entry .credit{font-size:12px;line-height:16px;color:#5b6b7b;margin:0 0 8px}
        select,input[type=file]{font:inherit;max-width:100%}
        .key{font-family:ui-monospace,Menlo,Consolas,monospace;background:#f2f4f7;padding:.5rem;border-radius:4px;display:block}
        .signed-in{border-top:1px solid var(--line);margin-top:2rem;padding-top:.6rem;color:var(--muted);font-size:.95rem}
        .filters{display:flex;flex-wrap:wrap;gap:.3rem .9rem;margin:0 0 1rem;padding:0;list-style:none}
        .filters a[aria-current=page]{font-weight:700;color:#1a1a1a;text-decoration:none}
        """;
}
