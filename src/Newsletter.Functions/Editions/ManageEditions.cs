using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Newsletter.Core.Editions;
using Newsletter.Core.Subscriptions;
using Newsletter.Web;

namespace Newsletter.Functions.Editions;

/// <summary>GET /api/manage/editions/preview?frequency=daily[&amp;topics=a,b]: the next edition as it would look now; nothing is stored or sent.</summary>
public sealed class PreviewEdition(EditionComposer composer, EditionTemplates templates)
{
    [Function(nameof(PreviewEdition))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/manage/editions/preview")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<Frequency>(request.Query["frequency"], ignoreCase: true, out var frequency) || !Enum.IsDefined(frequency))
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "invalid_frequency", "frequency must be daily or weekly.");
        }

        var topics = request.Query["topics"].ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var (content, rendering) = await composer.PreviewAsync(frequency, topics, cancellationToken);
        var page = new HtmlPage(ReaderPlaceholders.Fill(rendering.Html, new Dictionary<string, string>
        {
            [ReaderPlaceholders.Greeting] = "Hello Alex,",
            [ReaderPlaceholders.UnsubscribeUrl] = "#unsubscribe",
            [ReaderPlaceholders.PreferencesUrl] = "#preferences",
        }));
        // Header values must be ASCII: titles are not.
        request.HttpContext.Response.Headers["X-Edition-Subject"] = Uri.EscapeDataString(rendering.Subject);
        request.HttpContext.Response.Headers["X-Edition-Updates"] = content.Items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var html = await templates.GetAsync(EditionTemplates.Html, cancellationToken);
        var text = await templates.GetAsync(EditionTemplates.Text, cancellationToken);
        if ((html.Problem ?? text.Problem) is { } problem)
        {
            // A broken override is not used; the editor sees why.
            request.HttpContext.Response.Headers["X-Template-Problem"] = Uri.EscapeDataString(Core.Releases.Parsing.TextCleaner.SingleLine(problem, 300));
        }

        return page;
    }
}

/// <summary>POST /api/manage/editions/{editionId}/test-send with <c>{"addresses": ["editor@example.org"]}</c>: send it to these addresses only.</summary>
public sealed class TestSendEdition(EditionTestSender sender)
{
    [Function(nameof(TestSendEdition))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/manage/editions/{editionId}/test-send")] HttpRequest request,
        string editionId,
        CancellationToken cancellationToken)
    {
        string[] addresses;
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            addresses = body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("addresses", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(a => a.ValueKind == JsonValueKind.String ? a.GetString()! : string.Empty).ToArray()
                : [];
        }
        catch (JsonException)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, "invalid_json", "Send {\"addresses\": [\"editor@example.org\"]} as JSON.");
        }

        return ApiResults.TestSend(await sender.SendAsync(editionId, addresses, cancellationToken));
    }
}
