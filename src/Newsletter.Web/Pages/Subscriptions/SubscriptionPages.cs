using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Newsletter.Core.Subscriptions;

namespace Newsletter.Web.Pages.Subscriptions;

/// <summary>
/// Which subscription page answers a Core result, with which status: the pages work without script,
/// form actions are relative (they work under whatever host name serves them), every value is encoded.
/// </summary>
public sealed class SubscriptionPages(PageRenderer pages, IOptions<SubscriptionOptions> subscriptions)
{
    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    public Task<HtmlPage> SignupAsync(SignupForm form, SignupInput? input = null, IReadOnlyDictionary<string, string>? errors = null)
    {
        ArgumentNullException.ThrowIfNull(form);
        errors ??= NoErrors;
        return pages.PageAsync<SignupPage, SignupModel>(new SignupModel(form, input, errors), errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    public Task<HtmlPage> CheckInboxAsync() => pages.PageAsync<CheckInboxPage, int>(subscriptions.Value.ConfirmTokenDays);

    public async Task<HtmlPage> TooManyRequestsAsync(TimeSpan retryAfter)
    {
        var page = await pages.RenderAsync<TooManyRequestsPage, TimeSpan>(retryAfter);
        return new HtmlPage(page, StatusCodes.Status429TooManyRequests) { RetryAfter = retryAfter };
    }

    /// <summary>GET of a confirmation link: the button, or the state the link finds.</summary>
    public Task<HtmlPage> ConfirmFormAsync(string? token, LinkCheckResult check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return check.Status switch
        {
            LinkCheckStatus.Ready => pages.PageAsync<ConfirmPage, string>(token ?? string.Empty),
            LinkCheckStatus.AlreadyDone => pages.PageAsync<ConfirmedPage, ConfirmResult>(new ConfirmResult(ConfirmStatus.AlreadyConfirmed, LinkProblem.None)),
            _ => LinkFailedAsync(check.Problem, confirmation: true),
        };
    }

    public Task<HtmlPage> ConfirmedAsync(ConfirmResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Status == ConfirmStatus.Failed
            ? LinkFailedAsync(result.Problem, confirmation: true)
            : pages.PageAsync<ConfirmedPage, ConfirmResult>(result);
    }

    public Task<HtmlPage> PreferencesAsync(PreferencesResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Status == PreferencesStatus.Failed || result.View is null)
        {
            return LinkFailedAsync(result.Problem, confirmation: false);
        }

        var status = result.Status switch
        {
            PreferencesStatus.Unsubscribed => StatusCodes.Status409Conflict,
            PreferencesStatus.Invalid => StatusCodes.Status400BadRequest,
            _ => StatusCodes.Status200OK,
        };
        return pages.PageAsync<PreferencesPage, PreferencesResult>(result, status);
    }

    /// <summary>GET of an unsubscribe link: the button, or "already unsubscribed", or why the link fails.</summary>
    public Task<HtmlPage> UnsubscribeFormAsync(string? token, LinkCheckResult check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return check.Status switch
        {
            LinkCheckStatus.Ready => pages.PageAsync<UnsubscribePage, string>(token ?? string.Empty),
            LinkCheckStatus.AlreadyDone => pages.PageAsync<UnsubscribedPage, UnsubscribeStatus>(UnsubscribeStatus.AlreadyOff),
            _ => LinkFailedAsync(check.Problem, confirmation: false),
        };
    }

    public Task<HtmlPage> UnsubscribedAsync(UnsubscribeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Status == UnsubscribeStatus.Failed
            ? LinkFailedAsync(result.Problem, confirmation: false)
            : pages.PageAsync<UnsubscribedPage, UnsubscribeStatus>(result.Status);
    }

    public Task<HtmlPage> EraseNeedsConfirmationAsync() => pages.PageAsync<EraseNeedsConfirmationPage>(StatusCodes.Status400BadRequest);

    public Task<HtmlPage> ErasedAsync(EraseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Status == EraseStatus.Failed
            ? LinkFailedAsync(result.Problem, confirmation: false)
            : pages.PageAsync<ErasedPage>();
    }

    private Task<HtmlPage> LinkFailedAsync(LinkProblem problem, bool confirmation) =>
        pages.PageAsync<LinkFailedPage, LinkFailure>(new LinkFailure(problem, confirmation), problem switch
        {
            LinkProblem.Expired or LinkProblem.Superseded => StatusCodes.Status410Gone,
            _ => StatusCodes.Status400BadRequest,
        });
}
