using Microsoft.Extensions.Options;

namespace Newsletter.Core.Subscriptions;

/// <summary>The absolute links of the public pages, from <c>App:BaseUrl</c>.</summary>
public sealed class Links(IOptions<AppOptions> app, IOptions<SubscriptionOptions> subscriptions)
{
    // Options do not change once read; a digest builds two links per reader.
    private string Root => field ??= app.Value.Root + "/api";

    public string Subscribe => Root + "/subscribe";
    public string Archive => Root + "/archive";
    public string Feed => Root + "/feed.atom";
    public string Privacy => string.IsNullOrEmpty(subscriptions.Value.PrivacyNoticeUrl) ? Root + "/privacy" : subscriptions.Value.PrivacyNoticeUrl;

    public string Confirm(string token) => $"{Root}/confirm?token={Uri.EscapeDataString(token)}";
    public string Preferences(string token) => $"{Root}/preferences?token={Uri.EscapeDataString(token)}";
    public string Export(string token) => $"{Root}/preferences/export?token={Uri.EscapeDataString(token)}";
    public string Erase(string token) => $"{Root}/preferences/erase?token={Uri.EscapeDataString(token)}";
    public string Unsubscribe(string token) => $"{Root}/unsubscribe?token={Uri.EscapeDataString(token)}";
}
