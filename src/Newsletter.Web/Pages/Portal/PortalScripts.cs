namespace Newsletter.Web.Pages.Portal;

/// <summary>
/// The portal's one script file, embedded at build and served by the app itself (<see cref="PortalPaths.LivePreviewScript"/>),
/// so the pages that load it allow script from the app's own origin only, never inline.
/// </summary>
public static class PortalScripts
{
    private static readonly Lazy<byte[]> Preview = new(() =>
    {
        using var stream = typeof(PortalScripts).Assembly.GetManifestResourceStream("live-preview.js")
            ?? throw new InvalidOperationException("live-preview.js is not embedded in Newsletter.Web.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    /// <summary>The release form's live preview of its text.</summary>
    public static byte[] LivePreview => Preview.Value;
}
