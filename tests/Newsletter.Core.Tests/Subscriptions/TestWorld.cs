using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Newsletter.Core.Mail;
using Newsletter.Core.Subscriptions;
using Options = Microsoft.Extensions.Options.Options;

namespace Newsletter.Core.Tests.Subscriptions;

/// <summary>The subscription services wired to in-memory ports and a fake clock.</summary>
internal sealed class TestWorld
{
    public static readonly string KeyA = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    public static readonly string KeyB = Convert.ToBase64String(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());

    public TestWorld(Action<SubscriptionOptions>? configure = null, string keys = "", string activeKeyId = "")
    {
        SubscriptionOptions = new SubscriptionOptions { AddressHashKey = KeyA, MinRenderSeconds = 2, IpRateLimit = 5, IpRateLimitWindowSeconds = 60 };
        configure?.Invoke(SubscriptionOptions);
        var subs = Options.Create(SubscriptionOptions);
        var app = Options.Create(new AppOptions { BaseUrl = "https://news.example.org/", NetworkName = "Test Network" });
        Tokens = new TokenService(Options.Create(new TokenOptions { Keys = keys.Length > 0 ? keys : $"a:{KeyA}", ActiveKeyId = activeKeyId }), Time);
        Identity = new ReaderIdentity(subs);
        Links = new Links(app, subs);
        ReaderLinks = new ReaderLinks(Tokens, Links, subs);
        Readers = new ReaderUpdates(Store, Tokens, NullLogger<ReaderUpdates>.Instance);
        Signup = new SignupService(Readers, Signups, Jobs, Tokens, Identity, new IpRateLimiter(subs, Time), Links, subs, app, Time, NullLogger<SignupService>.Instance);
        Confirmation = new ConfirmationService(Readers, ReaderLinks, Jobs, Time);
        Preferences = new PreferencesService(Readers, ReaderLinks, subs, Time);
        Unsubscribing = new UnsubscribeService(Readers, Time);
        DataRights = new DataRightsService(Readers, Copies, Time);
        Mailer = new SubscriptionMailer(Store, Sender, ReaderLinks, subs, app, Options.Create(new MailOptions { From = "updates@news.example.org" }), Options.Create(new Core.Delivery.DeliveryOptions()),
            new LinkOnlyMailTemplates(), NullLogger<SubscriptionMailer>.Instance);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    public SubscriptionOptions SubscriptionOptions { get; }
    public MemoryReaderStore Store { get; } = new();
    public MemoryPublisher Signups { get; } = new();
    public MemoryPublisher Jobs { get; } = new();
    public MemorySender Sender { get; } = new();
    public TokenService Tokens { get; }
    public ReaderIdentity Identity { get; }
    public Links Links { get; }
    public ReaderLinks ReaderLinks { get; }
    public ReaderUpdates Readers { get; }
    public SignupService Signup { get; }
    public ConfirmationService Confirmation { get; }
    public PreferencesService Preferences { get; }
    public UnsubscribeService Unsubscribing { get; }
    public DataRightsService DataRights { get; }
    public MemoryCopies Copies { get; } = new();
    public SubscriptionMailer Mailer { get; }

    public static readonly ClientInfo Client = new("203.0.113.7", "Mozilla/5.0 (test)");

    /// <summary>A form post as a person makes it: the form served, a few seconds to fill it in.</summary>
    public async Task<SubmitResult> PostAsync(string email, string? name = null, string[]? topics = null, string? frequency = "weekly", ClientInfo? client = null)
    {
        var form = Signup.RenderForm(client ?? Client);
        Time.Advance(TimeSpan.FromSeconds(5));
        return await Signup.SubmitAsync(new SignupInput(email, name, topics ?? [], frequency, null, form.RenderToken), client ?? Client, CancellationToken.None);
    }

    /// <summary>Processes every queued signup and sends every queued mail, as the queue triggers would.</summary>
    public async Task DrainAsync()
    {
        while (Signups.Items.TryDequeue(out var item))
        {
            await Signup.ProcessSignupAsync((SignupRequest)item, CancellationToken.None);
        }

        while (Jobs.Items.TryDequeue(out var item))
        {
            await Mailer.SendAsync((MailJob)item, CancellationToken.None);
        }
    }

    /// <summary>Signs up and processes the queue, leaving a pending reader with a confirmation mail.</summary>
    public async Task<Reader> SignUpAsync(string email, string? name = null, string[]? topics = null)
    {
        var result = await PostAsync(email, name, topics);
        Assert.Equal(SubmitStatus.Accepted, result.Status);
        await DrainAsync();
        return Reader(email)!;
    }

    public Reader? Reader(string email)
    {
        var key = Identity.For(EmailAddress.Parse(email));
        return Store.GetAsync(key.Id, key.Bucket, CancellationToken.None).Result;
    }

    /// <summary>Signs up and confirms, sends the queued mails, and lets three days pass; returns the preferences and unsubscribe tokens.</summary>
    public async Task<(string Preferences, string Unsubscribe)> SubscribeAndConfirmAsync(string email)
    {
        await SignUpAsync(email, "Jane");
        var confirmed = await Confirmation.ConfirmAsync(LinkToken("confirm"), CancellationToken.None);
        await DrainAsync();
        Time.Advance(TimeSpan.FromDays(3));
        return (TokenFrom(confirmed.PreferencesUrl!), TokenFrom(confirmed.UnsubscribeUrl!));
    }

    /// <summary>Every use of a preferences link (page, save, export, invalidate, unsubscribe, erase) is refused as superseded.</summary>
    public async Task AssertPreferencesLinkDeadAsync(string token)
    {
        var none = CancellationToken.None;
        Assert.Equal(LinkProblem.Superseded, (await Preferences.GetPreferencesAsync(token, none)).Problem);
        Assert.Equal(LinkProblem.Superseded, (await Preferences.UpdatePreferencesAsync(token, new PreferencesInput("Mallory", [], "daily", false), none)).Problem);
        Assert.Equal(LinkProblem.Superseded, (await DataRights.ExportAsync(token, none)).Problem);
        Assert.Equal(LinkProblem.Superseded, (await Preferences.InvalidateLinksAsync(token, none)).Problem);
        Assert.Equal(UnsubscribeStatus.Failed, (await Unsubscribing.UnsubscribeAsync(token, none, TokenPurpose.Preferences)).Status);
        Assert.Equal(EraseStatus.Failed, (await DataRights.EraseAsync(token, none)).Status);
    }

    public static string TokenFrom(string url) => Uri.UnescapeDataString(url[(url.IndexOf("token=", StringComparison.Ordinal) + 6)..]);

    /// <summary>The token of the first link to <paramref name="path"/> in the last mail sent.</summary>
    public string LinkToken(string path)
    {
        var text = Sender.Sent.Last().TextBody;
        var start = text.IndexOf($"/{path}?token=", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no {path} link in: {text}");
        var end = text.IndexOfAny([' ', '\n', '\r'], start);
        return TokenFrom(text[start..(end < 0 ? text.Length : end)]);
    }
}

internal sealed class MemoryReaderStore : IReaderStore
{
    private readonly ConcurrentDictionary<string, (Reader Reader, int Version)> _rows = new();

    public int Saves { get; private set; }

    /// <summary>Saves of readers at these addresses fail, as storage failing for one row would.</summary>
    public HashSet<string> FailingAddresses { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Task<Reader?> GetAsync(string id, int bucket, CancellationToken cancellationToken)
    {
        if (!_rows.TryGetValue(id, out var row))
        {
            return Task.FromResult<Reader?>(null);
        }

        // A copy, as a real store returns: changes are only kept when saved.
        var copy = Reader.Restore(row.Reader.ToRecord() with { ETag = row.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return Task.FromResult<Reader?>(copy);
    }

    public Task SaveAsync(Reader reader, CancellationToken cancellationToken)
    {
        if (reader.Address is { } address && FailingAddresses.Contains(address))
        {
            throw new IOException($"storage failed for {address}");
        }

        Saves++;
        var exists = _rows.TryGetValue(reader.Id, out var row);
        if ((reader.ETag is null && exists) || (reader.ETag is not null && (!exists || row.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) != reader.ETag)))
        {
            throw new ConflictException($"Reader {reader.Id} was changed by someone else.");
        }

        var version = exists ? row.Version + 1 : 1;
        _rows[reader.Id] = (reader, version);
        reader.ETag = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<Reader> ListBucketAsync(int bucket, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // In id order, as the table returns a partition's rows.
        foreach (var row in _rows.Values.Where(r => r.Reader.Bucket == bucket).OrderBy(r => r.Reader.Id, StringComparer.Ordinal).ToArray())
        {
            yield return (await GetAsync(row.Reader.Id, bucket, cancellationToken))!;
        }
    }
}

internal sealed class MemoryPublisher : ISignupPublisher, IMailJobPublisher
{
    public ConcurrentQueue<object> Items { get; } = new();

    public Task EnqueueAsync(SignupRequest request, CancellationToken cancellationToken)
    {
        Items.Enqueue(request);
        return Task.CompletedTask;
    }

    public Task EnqueueAsync(MailJob job, CancellationToken cancellationToken)
    {
        Items.Enqueue(job);
        return Task.CompletedTask;
    }
}

internal sealed class MemorySender : IMailSender
{
    public List<MailMessage> Sent { get; } = [];

    public Task SendAsync(MailMessage message, CancellationToken cancellationToken)
    {
        Sent.Add(message);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Mail bodies holding only their models' values, as links and text: what Core hands the templates is
/// what these tests check (the real templates are Newsletter.Web's, tested there).
/// </summary>
internal sealed class LinkOnlyMailTemplates : IMailTemplates
{
    private static string E(string value) => System.Net.WebUtility.HtmlEncode(value);

    public Task<string> ConfirmationAsync(ConfirmationMail model) =>
        Task.FromResult($"<p>{E(model.NetworkName)} {model.Days}</p><a href=\"{E(model.ConfirmUrl)}\">confirm</a>");

    public Task<string> WelcomeAsync(WelcomeMail model) =>
        Task.FromResult($"<p>{E(model.Greeting)} {E(model.Topics)} {model.Frequency}</p><a href=\"{E(model.PreferencesUrl)}\">p</a><a href=\"{E(model.UnsubscribeUrl)}\">u</a>");

    public Task<string> AlreadySubscribedAsync(AlreadySubscribedMail model) =>
        Task.FromResult($"<p>{E(model.Greeting)}</p><a href=\"{E(model.PreferencesUrl)}\">p</a><a href=\"{E(model.UnsubscribeUrl)}\">u</a>");
}

/// <summary>Records which readers' copies an erasure asked to forget.</summary>
internal sealed class MemoryCopies : IReaderCopies
{
    public List<string> Forgotten { get; } = [];

    public Task<int> ForgetAsync(ReaderKey reader, CancellationToken cancellationToken)
    {
        Forgotten.Add(reader.Id);
        return Task.FromResult(1);
    }
}
