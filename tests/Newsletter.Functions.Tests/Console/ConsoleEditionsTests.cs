using Microsoft.Extensions.DependencyInjection;
using Newsletter.Core.Editions;
using Newsletter.Core.Editorial;
using Newsletter.Core.Subscriptions;
using Newsletter.Core.Updates;
using Newsletter.Functions.Console;
using Newsletter.Testing;

namespace Newsletter.Functions.Tests.Console;

/// <summary>The console's editions page: the next edition as it stands, its previews per variant, and a test send of the preview.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ConsoleEditionsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly ConsoleHarness app = new(azurite);
    private string cookie = string.Empty;
    private string token = string.Empty;

    public async Task InitializeAsync()
    {
        await app.StartAsync();
        (cookie, token) = await app.SignInAsync("editor@example.org");
        await app.SeedUpdateAsync("Sand battery stores heat for months", UpdateStatus.Published, DateTimeOffset.UtcNow.AddMinutes(-5));
        var readers = app.Services.GetRequiredService<IReaderStore>();
        await readers.SaveAsync(TestData.ActiveReader("reader-1", 1, "ada@example.org", DateTimeOffset.UtcNow.AddDays(-3)), CancellationToken.None);
        await readers.SaveAsync(TestData.ActiveReader("reader-2", 2, "bo@example.org", DateTimeOffset.UtcNow.AddDays(-3), topics: ["research"]), CancellationToken.None);
        await readers.SaveAsync(TestData.ActiveReader("reader-3", 3, "cy@example.org", DateTimeOffset.UtcNow.AddDays(-3), topics: ["funding"]), CancellationToken.None);
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private Task<FunctionResponse> TestSendAsync(string addresses) =>
        app.PostAsync<ConsoleEditionTestSend>("/console/editions/next/daily/test-send", cookie, token, [KeyValuePair.Create("addresses", addresses)],
            (f, r) => f.Run(r, "daily", CancellationToken.None));

    [Fact]
    public async Task TheNextEdition_ShowsItsUpdatesAndEachVariantWithItsReaders()
    {
        var page = await app.GetAsync<ConsoleEditions>("/console/editions", cookie, (f, r) => f.Run(r, CancellationToken.None));

        Assert.Equal(200, page.Status);
        Assert.Contains("Next daily edition, as it stands now", page.Body, StringComparison.Ordinal);
        Assert.Contains("<li>Sand battery stores heat for months", page.Body, StringComparison.Ordinal);
        Assert.Contains("2 readers would get it.", page.Body, StringComparison.Ordinal);
        // The count leads and names what it counts; the zone of the moment is said.
        Assert.Matches(@"<p class=""meta"">\d+ updates? published since <time [^>]+>[^<]+</time> \([A-Za-z_]+/[A-Za-z_]+\); 2 readers would get it\.</p>", page.Body);
        Assert.Contains("<td>all topics</td><td>1</td><td>1</td>", page.Body, StringComparison.Ordinal);
        Assert.Contains("<td>research</td><td>1</td><td>1</td>", page.Body, StringComparison.Ordinal);
        Assert.Contains("<td>funding</td><td>1</td><td>0</td>", page.Body, StringComparison.Ordinal);
        Assert.Contains("gets nothing", page.Body, StringComparison.Ordinal);
        Assert.Empty(await app.Services.GetRequiredService<IEditionStore>().ListAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task APreview_IsTheDigestAsThoseReadersWouldGetIt_InHtmlAndText()
    {
        var html = await app.GetAsync<ConsoleEditionPreview>("/console/editions/next/daily?topics=research", cookie, (f, r) => f.Run(r, "daily", CancellationToken.None));
        var text = await app.GetAsync<ConsoleEditionPreview>("/console/editions/next/daily?topics=research&format=text", cookie, (f, r) => f.Run(r, "daily", CancellationToken.None));
        var funding = await app.GetAsync<ConsoleEditionPreview>("/console/editions/next/daily?topics=funding&format=text", cookie, (f, r) => f.Run(r, "daily", CancellationToken.None));
        var unknown = await app.GetAsync<ConsoleEditionPreview>("/console/editions/next/hourly", cookie, (f, r) => f.Run(r, "hourly", CancellationToken.None));

        Assert.Equal("text/html; charset=utf-8", html.ContentType);
        Assert.Contains("Sand battery stores heat for months", html.Body, StringComparison.Ordinal);
        Assert.Contains("Hello Alex,", html.Body, StringComparison.Ordinal);
        Assert.Equal("text/plain; charset=utf-8", text.ContentType);
        Assert.Contains("Sand battery stores heat for months", text.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Sand battery", funding.Body, StringComparison.Ordinal);
        // A preview has no page in the archive: no link may lead to one.
        Assert.DoesNotContain("/archive/", html.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("View in your browser", html.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("View in your browser", text.Body, StringComparison.Ordinal);
        Assert.Equal(404, unknown.Status);
    }

    [Fact]
    public async Task ATestSend_MailsThePreviewToTheGivenAddressesOnly_WithoutCreatingAnEdition_AndIsAudited()
    {
        var sent = await TestSendAsync("editor@example.org,\nchief@example.org");

        Assert.Equal(303, sent.Status);
        Assert.Equal($"{ConsoleHarness.BaseUrl}/console/editions?sent=2", sent.Headers.Location.ToString());
        var notice = await app.GetAsync<ConsoleEditions>("/console/editions?sent=2", cookie, (f, r) => f.Run(r, CancellationToken.None));
        Assert.Contains("The preview went to 2 addresses (subject starting [Test])", notice.Body, StringComparison.Ordinal);
        Assert.Equal(["chief@example.org", "editor@example.org"], app.Mail.Sent.Select(m => m.To.Address).Order());
        Assert.All(app.Mail.Sent, m => Assert.StartsWith("[Test] ", m.Subject, StringComparison.Ordinal));
        Assert.Contains("Sand battery stores heat for months", app.Mail.Sent[0].TextBody, StringComparison.Ordinal);
        Assert.All(app.Mail.Sent, m => Assert.DoesNotContain("/archive/", m.HtmlBody + m.TextBody, StringComparison.Ordinal));
        // A test send has no reader: no "Unsubscribe" that leads to the signup page, in either part.
        Assert.All(app.Mail.Sent, m => Assert.DoesNotContain("Unsubscribe:", m.TextBody, StringComparison.OrdinalIgnoreCase));
        Assert.All(app.Mail.Sent, m => Assert.DoesNotContain(">unsubscribe</a>", m.HtmlBody, StringComparison.OrdinalIgnoreCase));
        Assert.All(app.Mail.Sent, m => Assert.All(new[] { m.TextBody, m.HtmlBody }, part => Assert.Contains("It went to no reader, so it has no preferences or unsubscribe link", part, StringComparison.Ordinal)));
        Assert.Empty(await app.Services.GetRequiredService<IEditionStore>().ListAsync(10, CancellationToken.None));
        var entry = Assert.Single(await app.Services.GetRequiredService<IAuditLog>().ListAsync(new AuditFilter(Action: AuditActions.EditionTestSent), 10, CancellationToken.None));
        Assert.Equal("editor@example.org", entry.Actor);
    }

    [Fact]
    public async Task ATestSendToMoreThanTenAddresses_OrABadOne_SendsNothing_AndKeepsWhatWasTyped()
    {
        var eleven = string.Join(",", Enumerable.Range(1, 11).Select(i => $"e{i}@example.org"));

        var tooMany = await TestSendAsync(eleven);
        var bad = await TestSendAsync("editor@example.org, not an address");
        var none = await TestSendAsync(" ,\n ");

        Assert.Equal(400, tooMany.Status);
        Assert.Contains("A test goes to at most 10 addresses; 11 were given. Nothing was sent.", tooMany.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("{", Warning(tooMany.Body), StringComparison.Ordinal);
        Assert.Contains("e11@example.org</textarea>", tooMany.Body, StringComparison.Ordinal);
        Assert.Equal(400, bad.Status);
        Assert.Contains("&quot;not an address&quot; is not an address mail can go to. An e-mail address cannot contain spaces. Nothing was sent.", bad.Body, StringComparison.Ordinal);
        Assert.Equal(400, none.Status);
        Assert.Contains("Give at least one address to send the test to (at most 10). Nothing was sent.", none.Body, StringComparison.Ordinal);
        Assert.Empty(app.Mail.Sent);
    }

    [Fact]
    public async Task AnAddressTypedSeveralTimes_GetsTheTestOnce()
    {
        var sent = await TestSendAsync("editor@example.org\nEditor@Example.org; editor@example.org ,editor@EXAMPLE.ORG\nchief@example.org");

        Assert.Equal(303, sent.Status);
        Assert.Equal($"{ConsoleHarness.BaseUrl}/console/editions?sent=2", sent.Headers.Location.ToString());
        Assert.Equal(["chief@example.org", "editor@example.org"], app.Mail.Sent.Select(m => m.To.Address.ToLowerInvariant()).Order());
    }

    [Fact]
    public async Task ATestSendToASuppressedAddress_SaysWhyInOneSentence_AndSendsNothing()
    {
        var key = app.Services.GetRequiredService<ReaderIdentity>().For(EmailAddress.Parse("gone@example.org"));
        var bounced = TestData.ActiveReader(key.Id, key.Bucket, "gone@example.org", DateTimeOffset.UtcNow.AddDays(-3));
        Assert.True(bounced.ApplyFeedback(ReaderState.Bounced, DateTimeOffset.UtcNow.AddDays(-1), "bounce"));
        await app.Services.GetRequiredService<IReaderStore>().SaveAsync(bounced, CancellationToken.None);

        var refused = await TestSendAsync("editor@example.org\ngone@example.org");

        Assert.Equal(400, refused.Status);
        Assert.Equal("gone@example.org gets no mail from us, tests included: mail to it bounced. Nothing was sent.", Warning(refused.Body));
        Assert.Empty(app.Mail.Sent);
    }

    /// <summary>The text of the page's warning.</summary>
    private static string Warning(string body) =>
        System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(body, "<p class=\"notice warning\" role=\"alert\">(.*?)</p>").Groups[1].Value);
}
