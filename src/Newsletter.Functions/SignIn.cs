using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Newsletter.Core.Access;
using Newsletter.Functions.Access;
using Newsletter.Functions.Subscriptions;
using Newsletter.Web;
using Newsletter.Web.Pages.Access;

namespace Newsletter.Functions;

/// <summary>GET /signin: the form. POST: the same "check your inbox" page for every acceptable address, with the code form.</summary>
public sealed class SignIn(SignInService signIn, AccessLinks links, PageRenderer pages, IOptions<SignInOptions> options)
{
    [Function(nameof(SignIn))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "signin")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (HttpMethods.IsGet(request.Method))
        {
            return await pages.PageAsync<SignInPage, SignInForm>(new SignInForm());
        }

        // Another site's page must not mail sign-in links (or use up this client's attempts) in a visitor's name.
        if (await SignInAnswers.FromAnotherSiteAsync(request, links, pages) is { } refused)
        {
            return refused;
        }

        var email = (await RequestReader.FormAsync(request, cancellationToken))["email"].FirstOrDefault();
        var result = await signIn.RequestAsync(email, RequestReader.Client(request), cancellationToken);
        return result.Status switch
        {
            SignInRequestStatus.Accepted => await pages.PageAsync<SignInSentPage, SignInSent>(new SignInSent(result.Address!, result.AttemptRef!, options.Value.LinkMinutes)),
            SignInRequestStatus.RateLimited => await SignInAnswers.TooManyAsync(pages, result.RetryAfter),
            _ => await pages.PageAsync<SignInPage, SignInForm>(new SignInForm(email?.Trim(), SignInAnswers.AddressError(result.Problem)), StatusCodes.Status400BadRequest),
        };
    }
}

/// <summary>POST /signin/code: signs in with the code typed on the page that asked for the link.</summary>
public sealed class SignInCode(SignInService signIn, SessionCookie cookie, AccessLinks links, PageRenderer pages, IOptions<SignInOptions> options)
{
    [Function(nameof(SignInCode))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "signin/code")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (await SignInAnswers.FromAnotherSiteAsync(request, links, pages) is { } refused)
        {
            return refused;
        }

        var form = await RequestReader.FormAsync(request, cancellationToken);
        var attempt = form["attempt"].FirstOrDefault();
        var result = await signIn.CompleteWithCodeAsync(attempt, form["code"].FirstOrDefault(), RequestReader.Client(request), cancellationToken);
        if (result.Failure == SignInFailure.WrongCode)
        {
            // The address is not echoed back: the form holds only the request's reference.
            return await pages.PageAsync<SignInSentPage, SignInSent>(
                new SignInSent(null, attempt!, options.Value.LinkMinutes, "That code is not right. Check the mail and type its six digits."), StatusCodes.Status400BadRequest);
        }

        return await SignInAnswers.CompletedAsync(result, cookie, links, pages, options.Value);
    }
}

/// <summary>
/// GET /signin/complete?token=: the mailed link's page, a button and nothing else; it changes nothing,
/// so a mail scanner that opens the link signs nobody in. POST (the button): signs in once.
/// </summary>
public sealed class SignInComplete(SignInService signIn, SessionCookie cookie, AccessLinks links, PageRenderer pages, IOptions<SignInOptions> options)
{
    [Function(nameof(SignInComplete))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "signin/complete")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (HttpMethods.IsGet(request.Method))
        {
            var token = RequestReader.Token(request);
            var failure = await signIn.CheckLinkAsync(token, cancellationToken);
            return failure == SignInFailure.None
                ? await pages.PageAsync<SignInLinkPage, SignInLink>(new SignInLink(token!))
                : await SignInAnswers.RefusedAsync(failure, pages);
        }

        if (await SignInAnswers.FromAnotherSiteAsync(request, links, pages) is { } refused)
        {
            return refused;
        }

        var posted = (await RequestReader.FormAsync(request, cancellationToken))["token"].FirstOrDefault();
        var result = await signIn.CompleteWithLinkAsync(posted, RequestReader.Client(request), cancellationToken);
        return await SignInAnswers.CompletedAsync(result, cookie, links, pages, options.Value);
    }
}
