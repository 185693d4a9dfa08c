using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Editions;
using Newsletter.Core.Editorial;
using Newsletter.Core.Subscriptions;
using Newsletter.Functions.Access;
using Newsletter.Web;
using Newsletter.Web.Pages.Console;

namespace Newsletter.Functions.Console;

/// <summary>GET /console/editions: the next edition of each frequency as it stands now, and the editions so far with their state.</summary>
public sealed class ConsoleEditions(ConsoleAccess access, EditionDesk desk, PageRenderer pages)
{
    [Function(nameof(ConsoleEditions))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/editions")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (console, refusal) = await access.CheckAsync(request, admin: false, cancellationToken);
        if (console is null)
        {
            return refusal!;
        }

        var notice = request.Query["sent"].ToString() is { Length: > 0 } sent && int.TryParse(sent, out var count)
            ? $"The preview went to {count} address(es) (subject starting [Test]); no edition was created."
            : null;
        return await pages.PageAsync<EditionsPage, EditionsPageModel>(new EditionsPageModel(console.Console, await desk.OverviewAsync(cancellationToken), notice));
    }

    internal static Frequency? FrequencyOf(string name) =>
        Enum.TryParse<Frequency>(name, ignoreCase: true, out var frequency) && Enum.IsDefined(frequency) && !int.TryParse(name, out _) ? frequency : null;

    internal static string[] Topics(HttpRequest request) =>
        request.Query["topics"].ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>GET /console/editions/next/{frequency}?topics=a,b[&amp;format=text]: the next edition for those readers, as they would get it now (HTML or text).</summary>
public sealed class ConsoleEditionPreview(ConsoleAccess access, EditionDesk desk)
{
    [Function(nameof(ConsoleEditionPreview))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "console/editions/next/{frequency}")] HttpRequest request,
        string frequency,
        CancellationToken cancellationToken)
    {
        var (console, refusal) = await access.CheckAsync(request, admin: false, cancellationToken);
        if (console is null)
        {
            return refusal!;
        }

        if (ConsoleEditions.FrequencyOf(frequency) is not { } which)
        {
            return await access.NotFoundAsync();
        }

        var (_, rendering) = await desk.PreviewAsync(which, ConsoleEditions.Topics(request), cancellationToken);
        var values = new Dictionary<string, string>
        {
            [ReaderPlaceholders.Greeting] = "Hello Alex,",
            [ReaderPlaceholders.UnsubscribeUrl] = "#unsubscribe",
            [ReaderPlaceholders.PreferencesUrl] = "#preferences",
        };
        return request.Query["format"] == "text"
            ? new ContentResult { Content = ReaderPlaceholders.Fill(rendering.Text, values), ContentType = "text/plain; charset=utf-8", StatusCode = StatusCodes.Status200OK }
            : new HtmlPage(ReaderPlaceholders.Fill(rendering.Html, values));
    }
}

/// <summary>POST /console/editions/next/{frequency}/test-send: the all-topics preview to at most 10 addresses; no edition is created.</summary>
public sealed class ConsoleEditionTestSend(ConsoleAccess access, EditionDesk desk, ConsoleLinks links, PageRenderer pages)
{
    [Function(nameof(ConsoleEditionTestSend))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "console/editions/next/{frequency}/test-send")] HttpRequest request,
        string frequency,
        CancellationToken cancellationToken)
    {
        var (console, refusal) = await access.CheckAsync(request, admin: false, cancellationToken);
        if (console is null)
        {
            return refusal!;
        }

        if (ConsoleEditions.FrequencyOf(frequency) is not { } which)
        {
            return await access.NotFoundAsync();
        }

        var typed = console.Form["addresses"].ToString();
        var addresses = typed.Split([',', ';', '\n', '\r'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var result = await desk.TestSendAsync(which, [], addresses, console.Actor, cancellationToken);
        if (result.Outcome == TestSendOutcome.Sent)
        {
            return new SeeOther($"{links.Editions}?sent={result.Sent}");
        }

        return await pages.PageAsync<EditionsPage, EditionsPageModel>(
            new EditionsPageModel(console.Console, await desk.OverviewAsync(cancellationToken), Warning: result.Message + " Nothing was sent.", Addresses: typed),
            StatusCodes.Status400BadRequest);
    }
}
