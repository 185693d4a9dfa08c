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
            ? $"The preview went to {(count == 1 ? "1 address" : $"{count} addresses")} (subject starting [Test]); no edition was created."
            : DecisionNotice(request.Query);
        return await pages.PageAsync<EditionsPage, EditionsPageModel>(new EditionsPageModel(console.Console, await desk.OverviewAsync(cancellationToken), notice));
    }

    /// <summary>What the editions page says after a decision on a held edition; only a well-formed edition id is repeated.</summary>
    private static string? DecisionNotice(IQueryCollection query)
    {
        foreach (var (key, sentence) in DecisionNotices)
        {
            if (query[key].ToString() is { } id && Edition.IsWellFormedId(id))
            {
                return string.Format(System.Globalization.CultureInfo.InvariantCulture, sentence, id);
            }
        }

        return null;
    }

    private static readonly (string Key, string Sentence)[] DecisionNotices =
    [
        ("approved", "Approved: the edition {0} is being sent. Its state below moves to sent as its readers get it."),
        ("already-approved", "The edition {0} was already approved and is sent; nothing was changed."),
        ("skipped", "Skipped: the edition {0} is not sent; its updates go into the next edition."),
        ("already-skipped", "The edition {0} was already skipped; nothing was changed."),
    ];

    /// <summary>The editor and the frequency a <c>console/editions/next/{frequency}</c> route names, or the refusal: sign-in first, then 404 for no such frequency.</summary>
    internal static async Task<(ConsoleRequest? Console, Frequency Which, IActionResult? Refusal)> NextEditionAsync(ConsoleAccess access, HttpRequest request, string frequency,
        CancellationToken cancellationToken)
    {
        var (console, refusal) = await access.CheckAsync(request, admin: false, cancellationToken);
        if (console is null)
        {
            return (null, default, refusal);
        }

        return FrequencyOf(frequency) is { } which ? (console, which, null) : (null, default, await access.NotFoundAsync());
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
        var (console, which, refusal) = await ConsoleEditions.NextEditionAsync(access, request, frequency, cancellationToken);
        if (console is null)
        {
            return refusal!;
        }

        var (_, rendering) = await desk.PreviewAsync(which, ConsoleEditions.Topics(request), cancellationToken);
        return Answer(rendering, text: request.Query["format"] == "text");
    }

    /// <summary>A rendering as an editor previews it: a sample reader's greeting and links that go nowhere, HTML or text.</summary>
    internal static IActionResult Answer(RenderedEdition rendering, bool text)
    {
        var values = new Dictionary<string, string>
        {
            [ReaderPlaceholders.Greeting] = "Hello Alex,",
            [ReaderPlaceholders.UnsubscribeUrl] = "#unsubscribe",
            [ReaderPlaceholders.PreferencesUrl] = "#preferences",
        };
        return text
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
        var (console, which, refusal) = await ConsoleEditions.NextEditionAsync(access, request, frequency, cancellationToken);
        if (console is null)
        {
            return refusal!;
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
