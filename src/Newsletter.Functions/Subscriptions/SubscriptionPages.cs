using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Newsletter.Core;
using Newsletter.Core.Subscriptions;
using Newsletter.Web;

namespace Newsletter.Functions.Subscriptions;

/// <summary>
/// The subscription pages: plain HTML that works without JavaScript, with labels, fieldsets and
/// visible focus for keyboard users, readable on a phone. Every value from a user is HTML-encoded.
/// Form actions are relative, so the pages work under whatever host name serves them.
/// </summary>
public sealed class SubscriptionPages(IOptions<AppOptions> app, IOptions<SubscriptionOptions> subscriptions, Links links, PageLayout layout)
{
    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    private string Network => app.Value.NetworkName;

    public HtmlPage Signup(SignupForm form, SignupInput? input = null, IReadOnlyDictionary<string, string>? errors = null)
    {
        ArgumentNullException.ThrowIfNull(form);
        errors ??= NoErrors;
        var ticked = input?.Topics ?? [];
        var frequency = input?.Frequency ?? "weekly";
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"""
            <h1>Subscribe to {E(Network)}</h1>
            <p>A short digest of what the network's members publish: research results, innovations, funding calls and events.</p>
            {ErrorSummary(errors)}
            <form method="post" action="subscribe">
            <input type="hidden" name="{FormFields.RenderToken}" value="{E(form.RenderToken)}">
            {TextField(FormFields.Email, "E-mail address", "email", input?.Email, errors, required: true, autocomplete: "email", maxLength: 254)}
            {TextField(FormFields.Name, "Name (optional)", "text", input?.Name, errors, required: false, autocomplete: "name", maxLength: FormRules.MaxNameLength)}
            {TopicsFieldset(form.Topics, ticked, errors)}
            {FrequencyFieldset(frequency, errors)}
            <div class="hp" aria-hidden="true"><label for="{FormFields.Honeypot}">Leave this field empty</label><input id="{FormFields.Honeypot}" name="{FormFields.Honeypot}" type="text" tabindex="-1" autocomplete="off"></div>
            <p class="consent">By subscribing you agree that we keep your address and choices to send you {E(Network)}, as our <a href="{E(form.PrivacyNoticeUrl)}">privacy notice</a> explains. We send you a link to confirm first. You can change your choices or leave at any time, with one click.</p>
            <button type="submit">Subscribe</button>
            </form>
            """);
        return new HtmlPage(Layout($"Subscribe to {Network}", body.ToString()), errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    /// <summary>The one answer to every accepted signup, whatever the address's state.</summary>
    public HtmlPage CheckInbox() => new(Layout("Check your inbox", $"""
        <h1>Check your inbox</h1>
        <p>We have sent a message to the address you gave. Open the link in it to confirm your subscription to {E(Network)}.</p>
        <p>The link works for {subscriptions.Value.ConfirmTokenDays} days. Nothing arrived within a few minutes? Look in your spam folder, or <a href="{E(links.Subscribe)}">sign up again</a>.</p>
        <p>If you are already subscribed, the message tells you how to manage your preferences instead.</p>
        """));

    public HtmlPage TooManyRequests(TimeSpan retryAfter) => new(Layout("Too many attempts", $"""
        <h1>Too many attempts</h1>
        <p>We have received many signups from your network in a short time. Please try again in {Minutes(retryAfter)}.</p>
        """), StatusCodes.Status429TooManyRequests)
    { RetryAfter = retryAfter };

    public HtmlPage Confirmed(ConfirmResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Status == ConfirmStatus.Failed)
        {
            return LinkFailed(result.Problem, confirm: true);
        }

        var heading = result.Status == ConfirmStatus.Confirmed ? "You are subscribed" : "You are already subscribed";
        return new HtmlPage(Layout(heading, $"""
            <h1>{heading}</h1>
            <p>Thank you for confirming. {E(Network)} will reach you at the frequency you chose; we have sent you a welcome message with the links below.</p>
            <p><a class="button" href="{E(result.PreferencesUrl!)}">Manage your preferences</a></p>
            <p>Changed your mind? <a href="{E(result.UnsubscribeUrl!)}">Unsubscribe</a> at any time.</p>
            """));
    }

    public HtmlPage Preferences(PreferencesResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Status == PreferencesStatus.Failed || result.View is null)
        {
            return LinkFailed(result.Problem, confirm: false);
        }

        var view = result.View;
        var token = Uri.EscapeDataString(view.Token);
        var rights = $"""
            <h2>Your data</h2>
            <p><a href="{E(links.Export(view.Token))}">Download everything we keep about you</a> (JSON).</p>
            <form method="post" action="preferences/erase?token={E(token)}" class="danger">
            <fieldset><legend>Erase your data</legend>
            <p>This unsubscribes you and deletes your address, name, choices and consent record. We keep only a one-way hash of the address, so that it is never mailed again by mistake.</p>
            <div class="check"><input type="checkbox" id="erase-confirm" name="confirm" value="yes" required><label for="erase-confirm">Yes, erase my data</label></div>
            <button type="submit">Erase my data</button>
            </fieldset>
            </form>
            """;
        if (view.State != ReaderState.Active)
        {
            var why = view.State switch
            {
                ReaderState.Unsubscribed => "You are unsubscribed and will get no more digests.",
                ReaderState.Pending => "Your subscription is not confirmed yet: open the link in the confirmation message.",
                _ => "We do not send mail to this address any more.",
            };
            return new HtmlPage(Layout("Your subscription", $"""
                <h1>Your subscription</h1>
                <p>{why} To subscribe again, <a href="{E(links.Subscribe)}">sign up</a>; we will ask you to confirm.</p>
                {rights}
                """), result.Status == PreferencesStatus.Unsubscribed ? StatusCodes.Status409Conflict : StatusCodes.Status200OK);
        }

        var notice = result.Status switch
        {
            PreferencesStatus.Saved => """<p class="notice" role="status">Your preferences are saved.</p>""",
            PreferencesStatus.LinksRenewed => """<p class="notice" role="status">Your earlier preferences links no longer work. This page has a new address: bookmark it if you like. Unsubscribe links keep working.</p>""",
            _ => string.Empty,
        };
        var frequency = view.Frequency == Frequency.Daily ? "daily" : "weekly";
        var body = $"""
            <h1>Your preferences</h1>
            <p>For <strong>{E(view.Address ?? string.Empty)}</strong>.</p>
            {notice}
            {ErrorSummary(result.Errors)}
            <form method="post" action="preferences?token={E(token)}">
            <input type="hidden" name="action" value="save">
            {TextField(FormFields.Name, "Name (optional)", "text", view.Name, result.Errors, required: false, autocomplete: "name", maxLength: FormRules.MaxNameLength)}
            {TopicsFieldset(view.AllTopics, view.Topics, result.Errors)}
            {FrequencyFieldset(frequency, result.Errors)}
            <fieldset><legend>Pause</legend>
            <div class="check"><input type="checkbox" id="paused" name="paused" value="yes"{(view.Paused ? " checked" : string.Empty)}><label for="paused">Pause my digest until I untick this</label></div>
            </fieldset>
            <button type="submit">Save preferences</button>
            </form>
            <form method="post" action="preferences?token={E(token)}">
            <input type="hidden" name="action" value="unsubscribe">
            <h2>Leave</h2>
            <p><button type="submit" class="secondary">Unsubscribe</button></p>
            </form>
            <form method="post" action="preferences?token={E(token)}">
            <input type="hidden" name="action" value="invalidate-links">
            <h2>Old links</h2>
            <p>Forwarded a digest, or worried someone has one of your links? Make every earlier preferences link stop working (unsubscribe links keep working).</p>
            <p><button type="submit" class="secondary">Invalidate my old links</button></p>
            </form>
            {rights}
            """;
        return new HtmlPage(Layout("Your preferences", body), result.Status == PreferencesStatus.Invalid ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    public HtmlPage UnsubscribeForm(string? token) => new(Layout("Unsubscribe", $"""
        <h1>Unsubscribe from {E(Network)}</h1>
        <p>Press the button and you will get no more digests.</p>
        <form method="post" action="unsubscribe?token={E(Uri.EscapeDataString(token ?? string.Empty))}">
        <input type="hidden" name="List-Unsubscribe" value="One-Click">
        <button type="submit">Unsubscribe</button>
        </form>
        """));

    public HtmlPage Unsubscribed(UnsubscribeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Status == UnsubscribeStatus.Failed
            ? LinkFailed(result.Problem, confirm: false)
            : new HtmlPage(Layout("Unsubscribed", $"""
                <h1>You are unsubscribed</h1>
                <p>You will get no more digests from {E(Network)}. Sorry to see you go.</p>
                <p>Left by mistake? <a href="{E(links.Subscribe)}">Sign up again</a>; we will ask you to confirm.</p>
                """));
    }

    public HtmlPage EraseNeedsConfirmation() => new(Layout("Erase your data", """
        <h1>Erase your data</h1>
        <p role="alert" class="error">Please tick "Yes, erase my data" to confirm. Go back to your preferences page to try again.</p>
        """), StatusCodes.Status400BadRequest);

    public HtmlPage Erased(EraseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Status == EraseStatus.Failed
            ? LinkFailed(result.Problem, confirm: false)
            : new HtmlPage(Layout("Data erased", $"""
                <h1>Your data is erased</h1>
                <p>We have deleted your address, name, choices and consent record, and you will get no more mail from {E(Network)}.
                We keep only a one-way hash of the address, so that it is never mailed again by mistake.</p>
                """));
    }

    private HtmlPage LinkFailed(LinkProblem problem, bool confirm)
    {
        var (title, text, status) = problem switch
        {
            LinkProblem.Expired => ("This link has expired",
                $"Confirmation links work for {subscriptions.Value.ConfirmTokenDays} days. Please <a href=\"{E(links.Subscribe)}\">sign up again</a> to get a new one.",
                StatusCodes.Status410Gone),
            LinkProblem.Superseded when confirm => ("This link is no longer valid",
                $"It has been replaced by a newer confirmation message, or the subscription changed since it was sent. Nothing has been changed. Use the link in the most recent message, or <a href=\"{E(links.Subscribe)}\">sign up again</a>.",
                StatusCodes.Status410Gone),
            LinkProblem.Superseded => ("Nothing to show",
                $"We no longer keep any data for this link. To subscribe again, <a href=\"{E(links.Subscribe)}\">sign up</a>.",
                StatusCodes.Status410Gone),
            _ => ("This link does not work",
                $"It may have been cut off or changed on the way. Nothing has been changed. Copy the whole link from the message into your browser, or <a href=\"{E(links.Subscribe)}\">sign up again</a>.",
                StatusCodes.Status400BadRequest),
        };
        return new HtmlPage(Layout(title, $"<h1>{title}</h1>\n<p>{text}</p>"), status);
    }

    private static string TextField(string name, string label, string type, string? value, IReadOnlyDictionary<string, string> errors,
        bool required, string autocomplete, int maxLength)
    {
        var error = errors.TryGetValue(name, out var message);
        return $"""
            <div class="field{(error ? " invalid" : string.Empty)}">
            <label for="{name}">{label}</label>
            {(error ? $"<p class=\"error\" id=\"{name}-error\">{E(message!)}</p>" : string.Empty)}
            <input id="{name}" name="{name}" type="{type}" autocomplete="{autocomplete}" maxlength="{maxLength}" value="{E(value ?? string.Empty)}"{(required ? " required" : string.Empty)}{(error ? $" aria-invalid=\"true\" aria-describedby=\"{name}-error\"" : string.Empty)}>
            </div>
            """;
    }

    private static string TopicsFieldset(IReadOnlyList<string> topics, IReadOnlyList<string> ticked, IReadOnlyDictionary<string, string> errors)
    {
        var boxes = new StringBuilder();
        for (var i = 0; i < topics.Count; i++)
        {
            var on = ticked.Contains(topics[i], StringComparer.OrdinalIgnoreCase) ? " checked" : string.Empty;
            boxes.Append(CultureInfo.InvariantCulture,
                $"<div class=\"check\"><input type=\"checkbox\" id=\"topic-{i}\" name=\"{FormFields.Topics}\" value=\"{E(topics[i])}\"{on}><label for=\"topic-{i}\">{E(topics[i])}</label></div>\n");
        }

        var error = errors.TryGetValue(FormFields.Topics, out var message) ? $"<p class=\"error\" id=\"topics-error\">{E(message!)}</p>" : string.Empty;
        return $"""
            <fieldset id="{FormFields.Topics}"><legend>Topics</legend>
            <p class="hint">Tick none to get every topic.</p>
            {error}{boxes}</fieldset>
            """;
    }

    private static string FrequencyFieldset(string? frequency, IReadOnlyDictionary<string, string> errors)
    {
        var daily = string.Equals(frequency, "daily", StringComparison.OrdinalIgnoreCase);
        var error = errors.TryGetValue(FormFields.Frequency, out var message) ? $"<p class=\"error\" id=\"frequency-error\">{E(message!)}</p>" : string.Empty;
        return $"""
            <fieldset id="{FormFields.Frequency}"><legend>How often</legend>
            {error}<div class="check"><input type="radio" id="frequency-weekly" name="{FormFields.Frequency}" value="weekly"{(daily ? string.Empty : " checked")}><label for="frequency-weekly">Weekly digest</label></div>
            <div class="check"><input type="radio" id="frequency-daily" name="{FormFields.Frequency}" value="daily"{(daily ? " checked" : string.Empty)}><label for="frequency-daily">Daily digest</label></div>
            </fieldset>
            """;
    }

    private static string ErrorSummary(IReadOnlyDictionary<string, string> errors)
    {
        if (errors.Count == 0)
        {
            return string.Empty;
        }

        var items = string.Concat(errors.Select(e => e.Key == FormFields.Form
            ? $"<li>{E(e.Value)}</li>"
            : $"<li><a href=\"#{e.Key}\">{E(e.Value)}</a></li>"));
        return $"""<div class="summary" role="alert" tabindex="-1"><h2>Please check the form</h2><ul>{items}</ul></div>""";
    }

    private static string Minutes(TimeSpan wait) => wait.TotalSeconds < 90
        ? $"{Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} seconds"
        : $"{(int)Math.Ceiling(wait.TotalMinutes)} minutes";

    private string Layout(string title, string body) => layout.Render(title, body);

    private static string E(string value) => WebUtility.HtmlEncode(value);
}
