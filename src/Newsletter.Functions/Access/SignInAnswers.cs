using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Newsletter.Core.Access;
using Newsletter.Core.Subscriptions;
using Newsletter.Web;
using Newsletter.Web.Pages.Access;
using SignInResult = Newsletter.Core.Access.SignInResult;

namespace Newsletter.Functions.Access;

/// <summary>The answers the sign-in functions share: signed in (cookie and redirect), or why not.</summary>
public static class SignInAnswers
{
    public static async Task<IActionResult> CompletedAsync(SignInResult result, SessionCookie cookie, AccessLinks links, PageRenderer pages, SignInOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!result.Succeeded)
        {
            return await RefusedAsync(result.Failure, pages);
        }

        var secret = result.SessionSecret!;
        return new SeeOther(links.Landing(result.Person!), response => cookie.Write(response, secret, TimeSpan.FromDays(options.SessionDays)));
    }

    /// <summary>Null for a post this site's pages sent; else the 403 page (see <see cref="SitePosts"/>), before anything is read or used up.</summary>
    public static async Task<IActionResult?> FromAnotherSiteAsync(HttpRequest request, AccessLinks links, PageRenderer pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        return SitePosts.IsFromAnotherSite(request, links) ? await pages.PageAsync<RefusalPage, Refusal>(Refusal.OtherSite, StatusCodes.Status403Forbidden) : null;
    }

    public static async Task<IActionResult> RefusedAsync(SignInFailure failure, PageRenderer pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        return failure switch
        {
            SignInFailure.Used => await pages.PageAsync<RefusalPage, Refusal>(Refusal.LinkUsed, StatusCodes.Status410Gone),
            SignInFailure.Expired => await pages.PageAsync<RefusalPage, Refusal>(Refusal.LinkExpired, StatusCodes.Status410Gone),
            SignInFailure.TooManyCodes => await pages.PageAsync<RefusalPage, Refusal>(Refusal.TooManyCodes, StatusCodes.Status410Gone),
            SignInFailure.RateLimited => await TooManyAsync(pages, TimeSpan.FromMinutes(15)),
            _ => await pages.PageAsync<RefusalPage, Refusal>(Refusal.LinkInvalid, StatusCodes.Status400BadRequest),
        };
    }

    public static async Task<IActionResult> TooManyAsync(PageRenderer pages, TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(pages);
        var page = await pages.PageAsync<RefusalPage, Refusal>(Refusal.TooManyRequests, StatusCodes.Status429TooManyRequests);
        return new HtmlPage(page.Html, page.StatusCode) { RetryAfter = retryAfter };
    }

    /// <summary>What the sign-in form says about an address it cannot use.</summary>
    public static string AddressError(AddressProblem problem) => problem switch
    {
        AddressProblem.Empty => "Enter your e-mail address.",
        AddressProblem.MissingAt => "An e-mail address has an @, as in name@example.org.",
        AddressProblem.Whitespace => "An e-mail address has no spaces.",
        _ => "Enter an e-mail address like name@example.org.",
    };
}
