using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Newsletter.Core.Monitoring;
using Newsletter.Core.Subscriptions;
using Newsletter.Functions.Subscriptions;
using Newsletter.Web.Pages.Subscriptions;

namespace Newsletter.Functions;

/// <summary>GET /subscribe: the signup form. POST: one answer for every acceptable signup, 429 when a client posts too often.</summary>
public sealed class Subscribe(SignupService subscriptions, SubscriptionPages pages, NewsletterMetrics metrics, ILogger<Subscribe> logger)
{
    [Function(nameof(Subscribe))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "subscribe")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (HttpMethods.IsGet(request.Method))
        {
            return await pages.SignupAsync(subscriptions.RenderForm(RequestReader.Client(request)));
        }

        var input = RequestReader.Signup(await RequestReader.FormAsync(request, cancellationToken));
        var result = await subscriptions.SubmitAsync(input, RequestReader.Client(request), cancellationToken);
        metrics.Signup(result);
        if (result.Dropped is not null)
        {
            logger.LogInformation("Signup post dropped: {Reason}", result.Dropped);
        }

        return await (result.Status switch
        {
            SubmitStatus.Accepted => pages.CheckInboxAsync(),
            SubmitStatus.RateLimited => pages.TooManyRequestsAsync(result.RetryAfter),
            _ => pages.SignupAsync(result.Form, input, result.Errors),
        });
    }
}
