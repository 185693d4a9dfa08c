using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Newsletter.Core.Subscriptions;
using Newsletter.Infrastructure.Storage;
using Newsletter.Testing;

namespace Newsletter.Functions.Tests.Subscriptions;

/// <summary>
/// The subscription functions (signup, its queue, confirmation, preferences, unsubscribe, export, erasure) on a
/// <see cref="DefaultHttpContext"/>, as the worker calls them, over real stores and queues on Azurite.
/// </summary>
[Collection(AzuriteCollection.Name)]
public partial class SubscriptionFunctionsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly CapturingSender mail = new();
    private ServiceProvider services = null!;

    public async Task InitializeAsync() => services = await FunctionServices.StartAsync(azurite, mail, new Dictionary<string, string?>
    {
        ["Subscriptions:MinRenderSeconds"] = "0",
        ["Subscriptions:IpRateLimit"] = "1000",
        ["Subscriptions:Topics"] = "Research,Funding",
    });

    public async Task DisposeAsync() => await services.DisposeAsync();

    private async Task<FunctionResponse> CallAsync<TFunction>(HttpRequest request, Func<TFunction, Task<IActionResult>> run)
        where TFunction : notnull
    {
        await using var scope = services.CreateAsyncScope();
        return await (await run(scope.ServiceProvider.GetRequiredService<TFunction>())).ExecuteAsync(request);
    }

    private async Task<FunctionResponse> GetSubscribeAsync()
    {
        var request = FunctionRequests.Get("/subscribe");
        return await CallAsync<Subscribe>(request, f => f.Run(request, None));
    }

    private async Task<FunctionResponse> PostSignupAsync(string email, string? stamp = null)
    {
        stamp ??= RenderStamp().Match((await GetSubscribeAsync()).Body).Groups[1].Value;
        var request = FunctionRequests.Form("/subscribe",
        [
            KeyValuePair.Create("email", email), KeyValuePair.Create("name", "Jane"), KeyValuePair.Create("frequency", "weekly"),
            KeyValuePair.Create("topics", "Research"), KeyValuePair.Create("website", string.Empty), KeyValuePair.Create("rendered", stamp),
        ]);
        return await CallAsync<Subscribe>(request, f => f.Run(request, None));
    }

    /// <summary>Runs what the signups and mail queues hold, as their triggers would, and removes it.</summary>
    private async Task DrainAsync()
    {
        var queues = services.GetRequiredService<StorageClients>().Queues;
        foreach (var (name, run) in new (string, Func<IServiceProvider, string, Task>)[]
        {
            (StorageNames.Queues.Signups, (s, m) => s.GetRequiredService<ProcessSignup>().Run(QueueBinding.Bind<SignupRequest[]>(s, m), None)),
            (StorageNames.Queues.Mail, (s, m) => s.GetRequiredService<SendMail>().Run(QueueBinding.Bind<MailJob>(s, m), None)),
        })
        {
            var queue = queues.GetQueueClient(name);
            foreach (var message in (await queue.ReceiveMessagesAsync(32)).Value)
            {
                await using var scope = services.CreateAsyncScope();
                await run(scope.ServiceProvider, message.MessageText);
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }
    }

    private string LinkToken(string path)
    {
        var match = Regex.Match(mail.Sent[^1].TextBody, $@"/{path}\?token=([^\s]+)");
        Assert.True(match.Success, $"no {path} link in the last mail");
        return Uri.UnescapeDataString(match.Groups[1].Value);
    }

    private async Task<Reader?> ReaderAsync(string email)
    {
        var key = services.GetRequiredService<ReaderIdentity>().For(EmailAddress.Parse(email));
        return await services.GetRequiredService<IReaderStore>().GetAsync(key.Id, key.Bucket, None);
    }

    /// <summary>Signs up, lets the queues run and presses the confirmation button; returns the welcome mail's links' tokens.</summary>
    private async Task<(string Preferences, string Unsubscribe)> SubscribeAsync(string email)
    {
        await PostSignupAsync(email);
        await DrainAsync();
        var confirm = FunctionRequests.Form("/confirm?token=" + Uri.EscapeDataString(LinkToken("confirm")), []);
        await CallAsync<Confirm>(confirm, f => f.Run(confirm, None));
        await DrainAsync();
        return (LinkToken("preferences"), LinkToken("unsubscribe"));
    }

    private static string WithToken(string path, string token) => $"{path}?token={Uri.EscapeDataString(token)}";

    [Fact]
    public async Task Subscribe_ShowsTheForm_AndAnAcceptedPostAnswersCheckYourInbox_ThenTheQueueMailsAConfirmation()
    {
        var form = await GetSubscribeAsync();
        Assert.Equal(200, form.Status);
        Assert.StartsWith("text/html", form.ContentType, StringComparison.Ordinal);
        Assert.Matches(RenderStamp(), form.Body);

        var posted = await PostSignupAsync("jane@example.org");

        Assert.Equal(200, posted.Status);
        Assert.Null(await ReaderAsync("jane@example.org"));
        await DrainAsync();
        Assert.Equal(ReaderState.Pending, (await ReaderAsync("jane@example.org"))!.State);
        var confirmation = Assert.Single(mail.Sent);
        Assert.Equal("jane@example.org", confirmation.To.Address);
        Assert.NotEmpty(LinkToken("confirm"));
    }

    [Fact]
    public async Task Subscribe_WithAnInvalidAddress_Answers400_AndQueuesNothing()
    {
        var posted = await PostSignupAsync("not an address");

        Assert.Equal(400, posted.Status);
        Assert.Contains("aria-invalid=\"true\"", posted.Body, StringComparison.Ordinal);
        await DrainAsync();
        Assert.Empty(mail.Sent);
    }

    [Fact]
    public async Task Confirm_GetChangesNothing_ThePostActivatesTheReader()
    {
        await PostSignupAsync("jane@example.org");
        await DrainAsync();
        var url = WithToken("/confirm", LinkToken("confirm"));

        var get = FunctionRequests.Get(url);
        var page = await CallAsync<Confirm>(get, f => f.Run(get, None));
        Assert.Equal((200, ReaderState.Pending), (page.Status, (await ReaderAsync("jane@example.org"))!.State));

        var post = FunctionRequests.Form(url, []);
        var confirmed = await CallAsync<Confirm>(post, f => f.Run(post, None));

        Assert.Equal((200, ReaderState.Active), (confirmed.Status, (await ReaderAsync("jane@example.org"))!.State));
    }

    [Fact]
    public async Task Confirm_WithATamperedToken_Answers400()
    {
        var post = FunctionRequests.Form("/confirm?token=k1.bogus.token", []);

        var answer = await CallAsync<Confirm>(post, f => f.Run(post, None));

        Assert.Equal(400, answer.Status);
    }

    [Fact]
    public async Task Preferences_ShowsTheChoices_SavesThem_AndRefusesAPostWithoutTheFormsAction()
    {
        var (token, _) = await SubscribeAsync("jane@example.org");
        var url = WithToken("/preferences", token);

        var get = FunctionRequests.Get(url);
        var shown = await CallAsync<Preferences>(get, f => f.Run(get, None));
        Assert.Equal(200, shown.Status);
        Assert.Contains("jane@example.org", shown.Body, StringComparison.Ordinal);

        var save = FunctionRequests.Form(url, [KeyValuePair.Create("action", "save"), KeyValuePair.Create("name", "Jane D."),
            KeyValuePair.Create("topics", "Funding"), KeyValuePair.Create("frequency", "daily")]);
        Assert.Equal(200, (await CallAsync<Preferences>(save, f => f.Run(save, None))).Status);
        var reader = (await ReaderAsync("jane@example.org"))!;
        Assert.Equal(("Jane D.", Frequency.Daily), (reader.Name, reader.Frequency));
        Assert.Equal(["Funding"], reader.Topics);

        var stray = FunctionRequests.Form(url, [KeyValuePair.Create("name", "Mallory")]);
        Assert.Equal(400, (await CallAsync<Preferences>(stray, f => f.Run(stray, None))).Status);
        Assert.Equal("Jane D.", (await ReaderAsync("jane@example.org"))!.Name);
    }

    [Fact]
    public async Task Unsubscribe_GetShowsTheButton_ThePostUnsubscribesAt200WithoutARedirect()
    {
        var (_, token) = await SubscribeAsync("jane@example.org");
        var url = WithToken("/unsubscribe", token);

        var get = FunctionRequests.Get(url);
        Assert.Equal((200, ReaderState.Active), ((await CallAsync<Unsubscribe>(get, f => f.Run(get, None))).Status, (await ReaderAsync("jane@example.org"))!.State));

        var oneClick = FunctionRequests.Form(url, [KeyValuePair.Create("List-Unsubscribe", "One-Click")]);
        var answer = await CallAsync<Unsubscribe>(oneClick, f => f.Run(oneClick, None));

        Assert.Equal(200, answer.Status);
        Assert.False(answer.Headers.ContainsKey("Location"));
        Assert.Equal(ReaderState.Unsubscribed, (await ReaderAsync("jane@example.org"))!.State);
    }

    [Fact]
    public async Task ExportData_IsAJsonDownloadNotCached_AndEraseData_NeedsItsConfirmation()
    {
        var (token, _) = await SubscribeAsync("jane@example.org");

        var export = FunctionRequests.Get(WithToken("/api/preferences/export", token));
        var download = await CallAsync<ExportData>(export, f => f.Run(export, None));
        Assert.Equal(200, download.Status);
        Assert.StartsWith("application/json", download.ContentType, StringComparison.Ordinal);
        Assert.Equal("no-store", download.Headers.CacheControl.ToString());
        Assert.Contains("newsletter-data.json", download.Headers.ContentDisposition.ToString(), StringComparison.Ordinal);
        using (var json = JsonDocument.Parse(download.Body))
        {
            Assert.Equal("jane@example.org", json.RootElement.GetProperty("address").GetString());
        }

        var unconfirmed = FunctionRequests.Form(WithToken("/preferences/erase", token), []);
        Assert.Equal(400, (await CallAsync<EraseData>(unconfirmed, f => f.Run(unconfirmed, None))).Status);
        Assert.Equal(ReaderState.Active, (await ReaderAsync("jane@example.org"))!.State);

        var erase = FunctionRequests.Form(WithToken("/preferences/erase", token), [KeyValuePair.Create("confirm", "yes")]);
        Assert.Equal(200, (await CallAsync<EraseData>(erase, f => f.Run(erase, None))).Status);
        Assert.Equal(ReaderState.Erased, (await ReaderAsync("jane@example.org"))!.State);
        var again = FunctionRequests.Get(WithToken("/api/preferences/export", token));
        Assert.Equal(410, (await CallAsync<ExportData>(again, f => f.Run(again, None))).Status);
    }

    [GeneratedRegex("name=\"rendered\" value=\"([^\"]+)\"")]
    private static partial Regex RenderStamp();
}
