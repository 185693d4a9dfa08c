using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Newsletter.Core.Access;
using Newsletter.Core.Mail;
using Newsletter.Core.Members;
using Newsletter.Core.Subscriptions;
using Newsletter.Core.Tests.Subscriptions;

namespace Newsletter.Core.Tests.Access;

/// <summary>The sign-in services wired to in-memory ports and a fake clock.</summary>
internal sealed class AccessWorld
{
    public static readonly ClientInfo Client = new("203.0.113.7", "Mozilla/5.0 (test)");

    public AccessWorld(Action<SignInOptions>? configure = null)
    {
        configure?.Invoke(Options);
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        var app = Microsoft.Extensions.Options.Options.Create(new AppOptions { BaseUrl = "https://news.example.org/", NetworkName = "Test Network" });
        Tokens = new TokenService(Microsoft.Extensions.Options.Options.Create(new TokenOptions { Keys = $"a:{TestWorld.KeyA}" }), Time);
        Ids = new PersonIds(new ReaderIdentity(Microsoft.Extensions.Options.Options.Create(new SubscriptionOptions { AddressHashKey = TestWorld.KeyB })));
        Sessions = new SessionService(SessionStore, People, Tokens, options, Time);
        PeopleService = new PeopleService(People, Members, SessionStore, Ids, Time);
        SignIn = new SignInService(Store, People, Queue, new PlainTemplate(), Sender, Sessions, Ids, new SignInLimiter(options, Time), new AccessLinks(app),
            options, app, Microsoft.Extensions.Options.Options.Create(new MailOptions { From = "updates@news.example.org" }), Time, NullLogger<SignInService>.Instance);
    }

    public SignInOptions Options { get; } = new();
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    public MemoryPeopleStore People { get; } = new();
    public MemoryMemberStore Members { get; } = new();
    public MemorySignInStore Store { get; } = new();
    public MemorySessionStore SessionStore { get; } = new();
    public MemorySignInQueue Queue { get; } = new();
    public MemorySender Sender { get; } = new();
    public TokenService Tokens { get; }
    public PersonIds Ids { get; }
    public SessionService Sessions { get; }
    public PeopleService PeopleService { get; }
    public SignInService SignIn { get; }

    /// <summary>Runs the queued mail jobs as the queue trigger would.</summary>
    public async Task DrainAsync()
    {
        while (Queue.Jobs.TryDequeue(out var job))
        {
            await SignIn.SendMailAsync(job, CancellationToken.None);
        }
    }

    /// <summary>Asks for a sign-in and sends its mail; returns the request's answer.</summary>
    public async Task<SignInRequestResult> RequestAsync(string email, ClientInfo? client = null)
    {
        var result = await SignIn.RequestAsync(email, client ?? Client, CancellationToken.None);
        await DrainAsync();
        return result;
    }

    public MailMessage LastMail => Sender.Sent[^1];

    public static string TokenOf(MailMessage mail)
    {
        var text = mail.TextBody;
        var at = text.IndexOf("token=", StringComparison.Ordinal) + 6;
        var end = text.IndexOfAny([' ', '\n', '\r'], at);
        return Uri.UnescapeDataString(end < 0 ? text[at..] : text[at..end]);
    }

    public static string CodeOf(MailMessage mail)
    {
        var text = mail.TextBody;
        var at = text.IndexOf("Code: ", StringComparison.Ordinal) + 6;
        return text.Substring(at, SignInService.CodeLength);
    }
}

/// <summary>The mail as a test reads it: link and code on lines of their own.</summary>
internal sealed class PlainTemplate : ISignInMailTemplate
{
    public Task<RenderedMail> RenderAsync(SignInMailModel model) => Task.FromResult(new RenderedMail($"Sign in to {model.NetworkName}", $"<p><a href=\"{model.Link}\">Sign in</a> {model.Code}</p>", $"Link: {model.Link}\nCode: {model.Code}\nValid for {model.Minutes} minutes."));
}

internal sealed class MemoryPeopleStore : IPeopleStore
{
    private readonly ConcurrentDictionary<string, Editor> _editors = new();
    private readonly ConcurrentDictionary<string, MemberContact> _contacts = new();

    public Task SaveEditorAsync(Editor editor, CancellationToken cancellationToken)
    {
        _editors[editor.PersonId] = editor;
        return Task.CompletedTask;
    }

    public Task<bool> RemoveEditorAsync(string personId, CancellationToken cancellationToken) => Task.FromResult(_editors.TryRemove(personId, out _));

    public Task<IReadOnlyList<Editor>> ListEditorsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<Editor>>(_editors.Values.ToList());

    public Task SaveContactAsync(MemberContact contact, CancellationToken cancellationToken)
    {
        _contacts[contact.PersonId] = contact;
        return Task.CompletedTask;
    }

    public Task<bool> RemoveContactAsync(string personId, string memberId, CancellationToken cancellationToken) =>
        Task.FromResult(_contacts.TryGetValue(personId, out var c) && c.MemberId == memberId && _contacts.TryRemove(personId, out _));

    public Task<IReadOnlyList<MemberContact>> ListContactsAsync(string memberId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<MemberContact>>(_contacts.Values.Where(c => c.MemberId == memberId).ToList());

    public Task<Person?> FindAsync(string personId, CancellationToken cancellationToken)
    {
        _editors.TryGetValue(personId, out var editor);
        _contacts.TryGetValue(personId, out var contact);
        var address = editor?.Address ?? contact?.Address;
        return Task.FromResult(address is null ? null : new Person(personId, address, editor, contact));
    }
}

internal sealed class MemoryMemberStore : IMemberStore
{
    private readonly ConcurrentDictionary<string, Member> _members = new();

    public Task<Member?> GetAsync(string memberId, CancellationToken cancellationToken) => Task.FromResult(_members.GetValueOrDefault(memberId));

    public Task<IReadOnlyList<Member>> ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<Member>>(_members.Values.ToList());

    public Task<bool> TryAddAsync(Member member, CancellationToken cancellationToken) => Task.FromResult(_members.TryAdd(member.Id, member));

    public Task SaveAsync(Member member, CancellationToken cancellationToken)
    {
        _members[member.Id] = member;
        return Task.CompletedTask;
    }

    public void Add(string id) => _members[id] = new Member { Id = id, DisplayName = id.ToUpperInvariant() };
}

internal sealed class MemorySignInStore : ISignInStore
{
    private readonly ConcurrentDictionary<(string, string), SignInAttempt> _attempts = new();
    private int _version;

    public List<SignInRecord> Records { get; } = [];
    public IReadOnlyCollection<SignInAttempt> Attempts => _attempts.Values.ToList();

    public Task AddAttemptAsync(SignInAttempt attempt, CancellationToken cancellationToken)
    {
        if (!_attempts.TryAdd((attempt.PersonId, attempt.Id), attempt with { Version = NextVersion() }))
        {
            throw new InvalidOperationException("Attempt exists.");
        }

        return Task.CompletedTask;
    }

    /// <summary>Runs after each read, before its answer is returned: a test holds readers here to make posts race.</summary>
    public Func<Task>? AfterRead { get; set; }

    public async Task<SignInAttempt?> GetAttemptAsync(string personId, string attemptId, CancellationToken cancellationToken)
    {
        var attempt = _attempts.GetValueOrDefault((personId, attemptId));
        if (AfterRead is { } hold)
        {
            await hold();
        }

        return attempt;
    }

    public Task<bool> TrySaveAttemptAsync(SignInAttempt attempt, CancellationToken cancellationToken)
    {
        lock (_attempts)
        {
            if (!_attempts.TryGetValue((attempt.PersonId, attempt.Id), out var current) || current.Version != attempt.Version)
            {
                return Task.FromResult(false);
            }

            _attempts[(attempt.PersonId, attempt.Id)] = attempt with { Version = NextVersion() };
            return Task.FromResult(true);
        }
    }

    public Task<AttemptCount> CountAttemptsSinceAsync(string personId, DateTimeOffset since, string? clientHash, CancellationToken cancellationToken)
    {
        var recent = _attempts.Values.Where(a => a.PersonId == personId && a.CreatedAt > since).ToList();
        return Task.FromResult(new AttemptCount(recent.Count, recent.Count(a => a.ClientHash == clientHash)));
    }

    public Task RecordAsync(SignInRecord record, CancellationToken cancellationToken)
    {
        Records.Add(record);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<SignInRecord>> ListRecordsAsync(string personId, int max, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SignInRecord>>(Records.Where(r => r.PersonId == personId).OrderByDescending(r => r.At).Take(max).ToList());

    private string NextVersion() => Interlocked.Increment(ref _version).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

internal sealed class MemorySessionStore : ISessionStore
{
    public ConcurrentDictionary<string, Session> Sessions { get; } = new();

    public Task AddAsync(Session session, CancellationToken cancellationToken)
    {
        Sessions[session.Id] = session;
        return Task.CompletedTask;
    }

    public Task<Session?> GetAsync(string sessionId, CancellationToken cancellationToken) => Task.FromResult(Sessions.GetValueOrDefault(sessionId));

    public Task SaveAsync(Session session, CancellationToken cancellationToken)
    {
        Sessions[session.Id] = session;
        return Task.CompletedTask;
    }

    public Task RevokeAllAsync(string personId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        foreach (var session in Sessions.Values.Where(s => s.PersonId == personId))
        {
            Sessions[session.Id] = session with { RevokedAt = at };
        }

        return Task.CompletedTask;
    }
}

internal sealed class MemorySignInQueue : ISignInMailPublisher
{
    public ConcurrentQueue<SignInMailJob> Jobs { get; } = new();

    public Task EnqueueAsync(SignInMailJob job, CancellationToken cancellationToken)
    {
        Jobs.Enqueue(job);
        return Task.CompletedTask;
    }
}
