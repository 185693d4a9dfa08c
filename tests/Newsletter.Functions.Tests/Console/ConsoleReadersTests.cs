using Microsoft.Extensions.DependencyInjection;
using Newsletter.Core.Editorial;
using Newsletter.Core.Subscriptions;
using Newsletter.Functions.Console;
using Newsletter.Infrastructure.Storage;
using Newsletter.Infrastructure.Subscriptions;
using Newsletter.Testing;

namespace Newsletter.Functions.Tests.Console;

/// <summary>The console's readers pages on real storage: counts and the 90 days, the list page by page, the lookup by exact address, and an editor's actions on a reader.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ConsoleReadersTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly ConsoleHarness app = new(azurite);
    private string cookie = string.Empty;
    private string token = string.Empty;

    public async Task InitializeAsync()
    {
        await app.StartAsync();
        (cookie, token) = await app.SignInAsync("editor@example.org");
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private async Task<ReaderKey> SeedAsync(string address, Func<Reader, Reader>? then = null, int daysAgo = 3)
    {
        var key = app.Services.GetRequiredService<ReaderIdentity>().For(EmailAddress.Parse(address));
        var reader = TestData.ActiveReader(key.Id, key.Bucket, address, DateTimeOffset.UtcNow.AddDays(-daysAgo));
        await app.Services.GetRequiredService<IReaderStore>().SaveAsync(then is null ? reader : then(reader), CancellationToken.None);
        return key;
    }

    private async Task<ReaderKey> SeedPendingAsync(string address)
    {
        var key = app.Services.GetRequiredService<ReaderIdentity>().For(EmailAddress.Parse(address));
        var reader = Reader.NewPending(key.Id, key.Bucket, DateTimeOffset.UtcNow.AddHours(-2));
        reader.SignUp(address, ReaderChoices.Default, DateTimeOffset.UtcNow.AddHours(-2));
        await app.Services.GetRequiredService<IReaderStore>().SaveAsync(reader, CancellationToken.None);
        return key;
    }

    private Task<FunctionResponse> ListAsync(string query = "") =>
        app.GetAsync<ConsoleReaders>("/console/readers" + query, cookie, (f, r) => f.Run(r, CancellationToken.None));

    private Task<FunctionResponse> ReaderAsync(ReaderKey key) =>
        app.GetAsync<ConsoleReader>($"/console/readers/{key.Id}", cookie, (f, r) => f.Run(r, key.Id, CancellationToken.None));

    private Task<FunctionResponse> ActAsync(ReaderKey key, string action, params KeyValuePair<string, string>[] fields) =>
        app.PostAsync<ConsoleReaderAction>($"/console/readers/{key.Id}/{action}", cookie, token, fields, (f, r) => f.Run(r, key.Id, action, CancellationToken.None));

    private Task<FunctionResponse> LookupAsync(string address) =>
        app.PostAsync<ConsoleReaderLookup>("/console/readers/lookup", cookie, token, [KeyValuePair.Create("address", address)], (f, r) => f.Run(r, CancellationToken.None));

    private Task<Reader?> StoredAsync(ReaderKey key) => app.Services.GetRequiredService<IReaderStore>().GetAsync(key.Id, key.Bucket, CancellationToken.None);

    [Fact]
    public async Task TheReadersPage_CountsByState_ChartsTheLast90Days_AndListsMaskedAddresses_FilteredByState()
    {
        await SeedAsync("ada@example.org", daysAgo: 2);
        await SeedAsync("bo@example.org", r => { r.Unsubscribe(DateTimeOffset.UtcNow.AddDays(-1), "unsubscribe link"); return r; });
        await SeedPendingAsync("cy@example.org");

        var page = await ListAsync();
        var unsubscribed = await ListAsync("?state=unsubscribed");

        Assert.Equal(200, page.Status);
        Assert.Contains("<dt>All</dt><dd>3</dd>", page.Body, StringComparison.Ordinal);
        Assert.Contains("<dt>active</dt><dd>1</dd>", page.Body, StringComparison.Ordinal);
        Assert.Contains("<dt>pending</dt><dd>1</dd>", page.Body, StringComparison.Ordinal);
        Assert.Contains("<dt>unsubscribed</dt><dd>1</dd>", page.Body, StringComparison.Ordinal);
        Assert.Contains("class=\"chart\"", page.Body, StringComparison.Ordinal);
        // The chart's days are dated the ISO way (yyyy-MM-dd), not in the US pattern.
        var first = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1 - ReaderDesk.ChartDays);
        Assert.Contains($">{first:yyyy-MM-dd}<", page.Body.Split("</svg>")[0].Replace("\n", "", StringComparison.Ordinal).Replace("\t", "", StringComparison.Ordinal), StringComparison.Ordinal);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.Contains($"<td>{today.AddDays(-1):yyyy-MM-dd}</td><td>0</td><td>0</td><td>1</td>", page.Body, StringComparison.Ordinal);
        Assert.Contains($"<td>{today.AddDays(-2):yyyy-MM-dd}</td><td>0</td><td>1</td><td>0</td>", page.Body, StringComparison.Ordinal);
        Assert.Contains("a***@example.org", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("ada@example.org", page.Body, StringComparison.Ordinal);
        Assert.Contains("b***@example.org", unsubscribed.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("a***@example.org", unsubscribed.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheList_GoesOnPageByPage_WithoutRepeatingOrLosingAReader()
    {
        for (var i = 0; i < ReaderDesk.PageSize + 3; i++)
        {
            await SeedAsync($"r{i}@example.org");
        }

        var first = await app.Services.GetRequiredService<ReaderDesk>().ListAsync(null, default, CancellationToken.None);
        var second = await app.Services.GetRequiredService<ReaderDesk>().ListAsync(null, first.Next!.Value, CancellationToken.None);
        var page = await ListAsync();

        Assert.Equal(ReaderDesk.PageSize, first.Readers.Count);
        Assert.Equal(3, second.Readers.Count);
        Assert.Null(second.Next);
        Assert.Equal(ReaderDesk.PageSize + 3, first.Readers.Concat(second.Readers).Select(r => r.Id).Distinct().Count());
        Assert.Contains($"/console/readers?state=&amp;from={first.Next}\" rel=\"next\">More readers", page.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALookup_FindsTheReaderOfThatExactAddress_WrittenAnyWay_AndSaysSoWhenNoneHasIt()
    {
        var key = await SeedAsync("ada@example.org");

        var found = await LookupAsync("  ADA@Example.ORG ");
        var none = await LookupAsync("nobody@example.org");
        var bad = await LookupAsync("not an address");

        Assert.Equal(303, found.Status);
        Assert.Equal($"{ConsoleHarness.BaseUrl}/console/readers/{key.Id}", found.Headers.Location.ToString());
        Assert.Equal(404, none.Status);
        Assert.Contains("No reader has this address.", none.Body, StringComparison.Ordinal);
        Assert.Contains("value=\"nobody@example.org\"", none.Body, StringComparison.Ordinal);
        Assert.Equal(400, bad.Status);
        Assert.Contains("Enter a whole e-mail address", bad.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReadersPage_ShowsTheAddressStateAndHistory_AndOnlyTheActionsTheStateAllows()
    {
        var active = await SeedAsync("ada@example.org");
        var bounced = await SeedAsync("gone@example.org", r => { r.ApplyFeedback(ReaderState.Bounced, DateTimeOffset.UtcNow, "provider event bounce"); return r; });

        var page = await ReaderAsync(active);
        var suppressed = await ReaderAsync(bounced);
        var unknown = await app.GetAsync<ConsoleReader>("/console/readers/nope", cookie, (f, r) => f.Run(r, "nope", CancellationToken.None));

        Assert.Contains("<h1>ada@example.org</h1>", page.Body, StringComparison.Ordinal);
        Assert.Contains("<td>pending</td><td>active</td><td>confirmed</td>", page.Body, StringComparison.Ordinal);
        Assert.Contains(">Unsubscribe</button>", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Resend the confirmation mail", page.Body, StringComparison.Ordinal);
        Assert.Contains("This address is suppressed (bounced)", suppressed.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(">Unsubscribe</button>", suppressed.Body, StringComparison.Ordinal);
        Assert.Contains("Erase the personal data", suppressed.Body, StringComparison.Ordinal);
        Assert.Equal(404, unknown.Status);
    }

    [Fact]
    public async Task AReadersName_IsShownIsolated_SoABidiControlKeptFromBeforeCannotTurnThePageAround()
    {
        // Stored before names lost their bidi controls at signup: the page isolates it rather than trusting the store.
        var key = app.Services.GetRequiredService<ReaderIdentity>().For(EmailAddress.Parse("ada@example.org"));
        var reader = TestData.ActiveReader(key.Id, key.Bucket, "ada@example.org", DateTimeOffset.UtcNow.AddDays(-3), name: "Ada \u202Eevil");
        await app.Services.GetRequiredService<IReaderStore>().SaveAsync(reader, CancellationToken.None);

        var page = await ReaderAsync(key);

        Assert.Matches("<dt>Name</dt><dd><bdi>Ada (\u202E|&#x202E;)evil</bdi></dd>", page.Body);
    }

    [Fact]
    public async Task Unsubscribe_StopsTheReaderAtOnce_AndIsAuditedUnderTheReaderId()
    {
        var key = await SeedAsync("ada@example.org");

        var done = await ActAsync(key, "unsubscribe");
        var again = await ActAsync(key, "unsubscribe");
        var page = await app.GetAsync<ConsoleReader>($"/console/readers/{key.Id}?done=unsubscribe", cookie, (f, r) => f.Run(r, key.Id, CancellationToken.None));

        Assert.Equal(303, done.Status);
        Assert.Equal(ReaderState.Unsubscribed, (await StoredAsync(key))!.State);
        Assert.Equal(409, again.Status);
        Assert.Contains("Unsubscribed: no further digest", page.Body, StringComparison.Ordinal);
        Assert.Contains("<td>active</td><td>unsubscribed</td><td>unsubscribed by an editor</td>", page.Body, StringComparison.Ordinal);
        var entry = Assert.Single(await app.Services.GetRequiredService<IAuditLog>().ListAsync(new AuditFilter(Action: AuditActions.ReaderUnsubscribed), 10, CancellationToken.None));
        Assert.Equal((key.Id, "editor@example.org"), (entry.Subject, entry.Actor));
        Assert.Equal(new FieldChange("state", "active", "unsubscribed"), Assert.Single(entry.Changes));
    }

    [Fact]
    public async Task Erase_NeedsTheBoxTicked_ThenLeavesNoAddress_InTheReaderOrTheAuditLog()
    {
        var key = await SeedAsync("ada@example.org");

        var unticked = await ActAsync(key, "erase");
        var kept = await StoredAsync(key);
        var erased = await ActAsync(key, "erase", KeyValuePair.Create("confirm", "yes"));

        Assert.Equal(400, unticked.Status);
        Assert.Equal("ada@example.org", kept!.Address);
        Assert.Equal(303, erased.Status);
        var reader = (await StoredAsync(key))!;
        Assert.Equal((ReaderState.Erased, null), (reader.State, reader.Address));
        var entries = await app.Services.GetRequiredService<IAuditLog>().ListAsync(AuditFilter.Everything, 10, CancellationToken.None);
        var entry = Assert.Single(entries, e => e.Action == AuditActions.ReaderErased);
        Assert.DoesNotContain(entries, e => (e.Summary + e.Subject + string.Concat(e.Changes.Select(c => c.Before + c.After))).Contains("ada@", StringComparison.Ordinal));
        Assert.Equal(key.Id, entry.Subject);
    }

    [Fact]
    public async Task AnEraseThatFailsAfterTheReaderRow_IsFinishedByErasingAgain_SoNoCopyOfTheAddressStays()
    {
        await using var flaky = new ConsoleHarness(azurite);
        FailingOnceCopies? copies = null;
        await flaky.StartAsync(replace: services => services.AddSingleton<IReaderCopies>(provider =>
            copies = new FailingOnceCopies(ActivatorUtilities.CreateInstance<StoredReaderCopies>(provider))));
        var (editor, form) = await flaky.SignInAsync("editor@example.org");
        var key = flaky.Services.GetRequiredService<ReaderIdentity>().For(EmailAddress.Parse("ada@example.org"));
        await flaky.Services.GetRequiredService<IReaderStore>().SaveAsync(TestData.ActiveReader(key.Id, key.Bucket, "ada@example.org", DateTimeOffset.UtcNow.AddDays(-3)), CancellationToken.None);
        var poison = flaky.Services.GetRequiredService<StorageClients>().Queues.GetQueueClient(StoredReaderCopies.SignupsPoison);
        await poison.CreateIfNotExistsAsync();
        await poison.SendMessageAsync(QueueMessages.Serialize(new[]
        {
            new SignupRequest("ada@example.org", "Ada", [], Frequency.Weekly, DateTimeOffset.UtcNow.AddDays(-4), "1", "2026-01", null, null),
        }));
        Task<FunctionResponse> EraseAsync() => flaky.PostAsync<ConsoleReaderAction>($"/console/readers/{key.Id}/erase", editor, form,
            [KeyValuePair.Create("confirm", "yes")], (f, r) => f.Run(r, key.Id, "erase", CancellationToken.None));

        await Assert.ThrowsAsync<IOException>(EraseAsync);
        var again = await EraseAsync();

        Assert.Equal(2, copies!.Calls);
        Assert.Equal(409, again.Status);
        Assert.Empty((await poison.PeekMessagesAsync(32)).Value);
        Assert.Null((await flaky.Services.GetRequiredService<IReaderStore>().GetAsync(key.Id, key.Bucket, CancellationToken.None))!.Address);
        var entries = await flaky.Services.GetRequiredService<IAuditLog>().ListAsync(AuditFilter.Everything, 10, CancellationToken.None);
        Assert.Single(entries, e => e.Action == AuditActions.ReaderErased && e.Subject == key.Id);
    }

    /// <summary>The reader's copies, whose first forgetting fails as storage can, mid-way through an erase.</summary>
    private sealed class FailingOnceCopies(IReaderCopies inner) : IReaderCopies
    {
        private int calls;

        public int Calls => calls;

        public Task<int> ForgetAsync(ReaderKey reader, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref calls) == 1 ? throw new IOException("The storage went away.") : inner.ForgetAsync(reader, cancellationToken);
    }

    [Fact]
    public async Task ResendConfirmation_QueuesAConfirmationMail_ForAPendingReader_WithinTheHourlyLimitOfThree()
    {
        var key = await SeedPendingAsync("cy@example.org");

        var first = await ActAsync(key, "resend");
        var second = await ActAsync(key, "resend");
        var third = await ActAsync(key, "resend");
        var fourth = await ActAsync(key, "resend");

        Assert.Equal((303, 303, 303, 409), (first.Status, second.Status, third.Status, fourth.Status));
        Assert.Contains("as many confirmation mails this hour", fourth.Body, StringComparison.Ordinal);
        var queue = app.Services.GetRequiredService<StorageClients>().Queues.GetQueueClient(StorageNames.Queues.Mail);
        var jobs = (await queue.PeekMessagesAsync(10)).Value.Select(m => Infrastructure.Subscriptions.QueueMessages.Deserialize<MailJob>(m.Body.ToString())).ToArray();
        Assert.Equal(3, jobs.Length);
        Assert.All(jobs, j => Assert.Equal((MailKind.Confirm, key.Id), (j.Kind, j.ReaderId)));
        Assert.Equal(3, (await app.Services.GetRequiredService<IAuditLog>().ListAsync(new AuditFilter(Action: AuditActions.ReaderResent), 10, CancellationToken.None)).Count);
    }
}
