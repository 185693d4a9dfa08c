using Microsoft.Extensions.Options;

namespace Newsletter.Core.Subscriptions;

/// <summary>The absolute links of the public pages, from <c>App:BaseUrl</c>.</summary>
public sealed class Links(IOptions<AppOptions> app, IOptions<SubscriptionOptions> subscriptions)
{
    // Options do not change once read; a digest builds two links per reader. Pages live at the root of
    // the site, JSON under /api.
    private string Root => field ??= app.Value.Root;

    public string Home => Root + "/";
    public string Subscribe => Root + "/subscribe";
    public string Archive => Root + "/archive";
    public string Feed => Root + "/feed.atom";
    public string SignIn => Root + "/signin";

    public string Edition(string editionId) => $"{Root}/archive/{Uri.EscapeDataString(editionId)}";
    public string Update(string updateId) => $"{Root}/updates/{Uri.EscapeDataString(updateId)}";
    public string Privacy => string.IsNullOrEmpty(subscriptions.Value.PrivacyNoticeUrl) ? Root + "/privacy" : subscriptions.Value.PrivacyNoticeUrl;

    public string Confirm(string token) => $"{Root}/confirm?token={Uri.EscapeDataString(token)}";
    public string Preferences(string token) => $"{Root}/preferences?token={Uri.EscapeDataString(token)}";
    public string Export(string token) => $"{Root}/api/preferences/export?token={Uri.EscapeDataString(token)}";
    public string Unsubscribe(string token) => $"{Root}/unsubscribe?token={Uri.EscapeDataString(token)}";
}
