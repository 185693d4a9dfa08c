using Newsletter.Core.Access;
using Newsletter.Core.Subscriptions;

namespace Newsletter.Core.Tests.Access;

public class SignInServiceTests
{
    private static async Task<AccessWorld> WorldWithEditorAsync(Action<SignInOptions>? configure = null)
    {
        var world = new AccessWorld(configure);
        await world.PeopleService.AddEditorAsync("editor@example.org", admin: false, CancellationToken.None);
        return world;
    }

    [Fact]
    public async Task Request_AnswersKnownAndUnknownAddressesAlike_AndMailsOnlyTheKnown()
    {
        var world = await WorldWithEditorAsync();

        var known = await world.SignIn.RequestAsync("editor@example.org", AccessWorld.Client, CancellationToken.None);
        var unknown = await world.SignIn.RequestAsync("stranger@example.org", AccessWorld.Client, CancellationToken.None);

        Assert.Equal(SignInRequestStatus.Accepted, known.Status);
        Assert.Equal(SignInRequestStatus.Accepted, unknown.Status);
        Assert.Equal(known.AttemptRef!.Length, unknown.AttemptRef!.Length);
        // The same work for both: one stored request and one queued mail job each.
        Assert.Equal(2, world.Store.Attempts.Count);
        Assert.Equal(2, world.Queue.Jobs.Count);

        await world.DrainAsync();
        var mail = Assert.Single(world.Sender.Sent);
        Assert.Equal("editor@example.org", mail.To.Address);
    }

    [Fact]
    public async Task Request_InvalidAddress_SaysWhy_AndStoresNothing()
    {
        var world = new AccessWorld();

        var result = await world.SignIn.RequestAsync("not an address", AccessWorld.Client, CancellationToken.None);

        Assert.Equal(SignInRequestStatus.Invalid, result.Status);
        Assert.Equal(AddressProblem.Whitespace, result.Problem);
        Assert.Empty(world.Store.Attempts);
    }

    [Fact]
    public async Task Mail_CarriesLinkAndCode_ThatAreStoredOnlyAsHashes()
    {
        var world = await WorldWithEditorAsync();
        await world.RequestAsync("editor@example.org");

        var token = AccessWorld.TokenOf(world.LastMail);
        var code = AccessWorld.CodeOf(world.LastMail);
        var attempt = Assert.Single(world.Store.Attempts);
        var secret = token.Split('.')[2];
        Assert.StartsWith("https://news.example.org/signin/complete?token=", world.LastMail.TextBody[6..], StringComparison.Ordinal);
        Assert.DoesNotContain(secret, attempt.LinkHash!, StringComparison.Ordinal);
        Assert.NotEqual(code, attempt.CodeHash);
        Assert.Equal(64, attempt.LinkHash!.Length);
        Assert.Matches("^[0-9]{6}$", code);
    }

    [Fact]
    public async Task OpeningTheLink_ChangesNothing_AndThePostSignsInOnce()
    {
        var world = await WorldWithEditorAsync();
        await world.RequestAsync("editor@example.org");
        var token = AccessWorld.TokenOf(world.LastMail);

        Assert.Equal(SignInFailure.None, await world.SignIn.CheckLinkAsync(token, CancellationToken.None));
        Assert.Equal(SignInFailure.None, await world.SignIn.CheckLinkAsync(token, CancellationToken.None));
        Assert.Empty(world.SessionStore.Sessions);

        var first = await world.SignIn.CompleteWithLinkAsync(token, AccessWorld.Client, CancellationToken.None);
        var again = await world.SignIn.CompleteWithLinkAsync(token, AccessWorld.Client, CancellationToken.None);

        Assert.True(first.Succeeded);
        Assert.Equal("editor@example.org", first.Person!.Address);
        Assert.NotNull(await world.Sessions.FindAsync(first.SessionSecret, CancellationToken.None));
        Assert.Equal(SignInFailure.Used, again.Failure);
        Assert.Equal(SignInFailure.Used, await world.SignIn.CheckLinkAsync(token, CancellationToken.None));
        Assert.Single(world.SessionStore.Sessions);
    }

    [Fact]
    public async Task Link_ExpiresAfterFifteenMinutes()
    {
        var world = await WorldWithEditorAsync();
        await world.RequestAsync("editor@example.org");
        var token = AccessWorld.TokenOf(world.LastMail);

        world.Time.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(SignInFailure.None, await world.SignIn.CheckLinkAsync(token, CancellationToken.None));
        world.Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(SignInFailure.Expired, await world.SignIn.CheckLinkAsync(token, CancellationToken.None));
        Assert.Equal(SignInFailure.Expired, (await world.SignIn.CompleteWithLinkAsync(token, AccessWorld.Client, CancellationToken.None)).Failure);
        Assert.Equal(SignInFailure.Expired, (await world.SignIn.CompleteWithCodeAsync(Ref(world), AccessWorld.CodeOf(world.LastMail), AccessWorld.Client, CancellationToken.None)).Failure);
    }

    [Fact]
    public async Task TamperedLink_IsRefused()
    {
        var world = await WorldWithEditorAsync();
        await world.RequestAsync("editor@example.org");
        var token = AccessWorld.TokenOf(world.LastMail);
        var tampered = token[..^2] + (token[^2] == 'A' ? "BB" : "AA");

        Assert.Equal(SignInFailure.Invalid, await world.SignIn.CheckLinkAsync(tampered, CancellationToken.None));
        Assert.Equal(SignInFailure.Invalid, (await world.SignIn.CompleteWithLinkAsync(tampered, AccessWorld.Client, CancellationToken.None)).Failure);
        Assert.Equal(SignInFailure.Invalid, await world.SignIn.CheckLinkAsync("garbage", CancellationToken.None));
        Assert.Equal(SignInFailure.None, await world.SignIn.CheckLinkAsync(token, CancellationToken.None));
    }

    [Fact]
    public async Task Code_TypedWithSpaces_SignsIn_AndUsesUpTheLink()
    {
        var world = await WorldWithEditorAsync();
        var request = await world.RequestAsync("editor@example.org");
        var code = AccessWorld.CodeOf(world.LastMail);

        var result = await world.SignIn.CompleteWithCodeAsync(request.AttemptRef, code[..3] + " " + code[3..], AccessWorld.Client, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Equal(SignInFailure.Used, await world.SignIn.CheckLinkAsync(AccessWorld.TokenOf(world.LastMail), CancellationToken.None));
        Assert.Equal(SignInFailure.Used, (await world.SignIn.CompleteWithCodeAsync(request.AttemptRef, code, AccessWorld.Client, CancellationToken.None)).Failure);
    }

    [Fact]
    public async Task WrongCodes_CloseTheCode_AfterTheLimit_ButTheMailedLinkStillSignsIn()
    {
        var world = await WorldWithEditorAsync();
        var request = await world.RequestAsync("editor@example.org");
        var code = AccessWorld.CodeOf(world.LastMail);
        var wrong = code == "000000" ? "111111" : "000000";

        for (var i = 1; i < world.Options.MaxCodeAttempts; i++)
        {
            Assert.Equal(SignInFailure.WrongCode, (await world.SignIn.CompleteWithCodeAsync(request.AttemptRef, wrong, AccessWorld.Client, CancellationToken.None)).Failure);
        }

        Assert.Equal(SignInFailure.TooManyCodes, (await world.SignIn.CompleteWithCodeAsync(request.AttemptRef, wrong, AccessWorld.Client, CancellationToken.None)).Failure);
        Assert.Equal(SignInFailure.TooManyCodes, (await world.SignIn.CompleteWithCodeAsync(request.AttemptRef, code, AccessWorld.Client, CancellationToken.None)).Failure);
        Assert.Empty(world.SessionStore.Sessions);

        // Whoever typed the wrong codes (the page's reference is all they need) cannot use up the owner's link.
        Assert.Equal(SignInFailure.None, await world.SignIn.CheckLinkAsync(AccessWorld.TokenOf(world.LastMail), CancellationToken.None));
        Assert.True((await world.SignIn.CompleteWithLinkAsync(AccessWorld.TokenOf(world.LastMail), AccessWorld.Client, CancellationToken.None)).Succeeded);
    }

    [Fact]
    public async Task ParallelWrongCodes_AreEachCounted_SoNoMoreThanTheLimitAreChecked()
    {
        var world = await WorldWithEditorAsync();
        var request = await world.RequestAsync("editor@example.org");
        var code = AccessWorld.CodeOf(world.LastMail);
        var wrong = code == "000000" ? "111111" : "000000";
        const int Guesses = 20;

        // Every guess reads the same version before any of them saves.
        var reads = 0;
        var allRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        world.Store.AfterRead = () =>
        {
            if (Interlocked.Increment(ref reads) >= Guesses)
            {
                allRead.TrySetResult();
            }

            return allRead.Task;
        };
        var answers = await Task.WhenAll(Enumerable.Range(0, Guesses).Select(i => Task.Run(() =>
            world.SignIn.CompleteWithCodeAsync(request.AttemptRef, wrong, new ClientInfo($"198.51.100.{i}", null), CancellationToken.None))));
        world.Store.AfterRead = null;

        Assert.Equal(world.Options.MaxCodeAttempts - 1, answers.Count(a => a.Failure == SignInFailure.WrongCode));
        Assert.All(answers, a => Assert.Contains(a.Failure, new[] { SignInFailure.WrongCode, SignInFailure.TooManyCodes, SignInFailure.Used }));
        Assert.Equal(world.Options.MaxCodeAttempts, Assert.Single(world.Store.Attempts, a => a.Id == request.AttemptRef!.Split('.')[1]).FailedCodes);
        var right = await world.SignIn.CompleteWithCodeAsync(request.AttemptRef, code, new ClientInfo("198.51.100.200", null), CancellationToken.None);
        Assert.False(right.Succeeded);
        Assert.Empty(world.SessionStore.Sessions);
    }

    [Fact]
    public async Task CodesForAnUnknownAddress_AnswerAsWrongCodesForAKnownOne()
    {
        var world = await WorldWithEditorAsync();
        var known = await world.RequestAsync("editor@example.org");
        var unknown = await world.RequestAsync("stranger@example.org");

        var answers = new List<(SignInFailure Known, SignInFailure Unknown)>();
        for (var i = 0; i < world.Options.MaxCodeAttempts; i++)
        {
            answers.Add(((await world.SignIn.CompleteWithCodeAsync(known.AttemptRef, "000000" == AccessWorld.CodeOf(world.LastMail) ? "111111" : "000000", AccessWorld.Client, CancellationToken.None)).Failure,
                (await world.SignIn.CompleteWithCodeAsync(unknown.AttemptRef, "123456", AccessWorld.Client, CancellationToken.None)).Failure));
        }

        Assert.All(answers, a => Assert.Equal(a.Known, a.Unknown));
        Assert.Equal(SignInFailure.TooManyCodes, answers[^1].Unknown);
    }

    [Fact]
    public async Task AddressLimit_AnswersAlike_ButMailsNothingMore_UntilTheWindowPasses()
    {
        var world = await WorldWithEditorAsync(o => o.AddressLimit = 3);
        for (var i = 0; i < 3; i++)
        {
            await world.RequestAsync("editor@example.org", new ClientInfo("198.51.100.9", null));
        }

        var limited = await world.RequestAsync("Editor@Example.org", new ClientInfo("198.51.100.9", null));

        Assert.Equal(SignInRequestStatus.Accepted, limited.Status);
        Assert.NotNull(limited.AttemptRef);
        Assert.Equal(3, world.Sender.Sent.Count);
        Assert.Equal(SignInFailure.WrongCode, (await world.SignIn.CompleteWithCodeAsync(limited.AttemptRef, "123456", AccessWorld.Client, CancellationToken.None)).Failure);

        world.Time.Advance(TimeSpan.FromMinutes(world.Options.AddressWindowMinutes));
        await world.RequestAsync("editor@example.org", new ClientInfo("198.51.100.9", null));
        Assert.Equal(4, world.Sender.Sent.Count);
    }

    [Fact]
    public async Task AStrangerAskingForSomeonesAddress_DoesNotHoldUpTheOwnersOwnRequest()
    {
        var world = await WorldWithEditorAsync(o => o.AddressLimit = 3);
        var stranger = new ClientInfo("198.51.100.66", null);
        for (var i = 0; i < 5; i++)
        {
            await world.RequestAsync("editor@example.org", stranger);
        }

        Assert.Equal(3, world.Sender.Sent.Count);

        // The owner, at their own desk, asks: the mail comes, and its code works on the owner's page.
        var own = await world.RequestAsync("editor@example.org", AccessWorld.Client);
        Assert.Equal(4, world.Sender.Sent.Count);
        Assert.True((await world.SignIn.CompleteWithCodeAsync(own.AttemptRef, AccessWorld.CodeOf(world.LastMail), AccessWorld.Client, CancellationToken.None)).Succeeded);
    }

    [Fact]
    public async Task AddressCeiling_BoundsTheMailsOneInboxGets_FromAllClientsTogether()
    {
        var world = await WorldWithEditorAsync(o =>
        {
            o.AddressLimit = 2;
            o.AddressCeiling = 4;
        });
        for (var i = 0; i < 6; i++)
        {
            await world.RequestAsync("editor@example.org", new ClientInfo($"198.51.100.{i}", null));
        }

        Assert.Equal(4, world.Sender.Sent.Count);
        Assert.Equal(SignInFailure.None, await world.SignIn.CheckLinkAsync(AccessWorld.TokenOf(world.LastMail), CancellationToken.None));
    }

    [Fact]
    public async Task ClientLimit_RefusesRequestsAndCodes_OfOneClientOnly()
    {
        var world = await WorldWithEditorAsync(o => o.ClientLimit = 2);
        var first = await world.RequestAsync("a@example.org");
        await world.RequestAsync("b@example.org");

        Assert.Equal(SignInRequestStatus.RateLimited, (await world.RequestAsync("c@example.org")).Status);
        Assert.Equal(SignInRequestStatus.Accepted, (await world.RequestAsync("c@example.org", new ClientInfo("192.0.2.1", null))).Status);

        await world.SignIn.CompleteWithCodeAsync(first.AttemptRef, "000000", AccessWorld.Client, CancellationToken.None);
        await world.SignIn.CompleteWithCodeAsync(first.AttemptRef, "000000", AccessWorld.Client, CancellationToken.None);
        Assert.Equal(SignInFailure.RateLimited, (await world.SignIn.CompleteWithCodeAsync(first.AttemptRef, "000000", AccessWorld.Client, CancellationToken.None)).Failure);
    }

    [Fact]
    public async Task EverySignIn_IsRecorded_WithAHashedClientAddress()
    {
        var world = await WorldWithEditorAsync();
        await world.RequestAsync("editor@example.org");
        var start = world.Time.GetUtcNow();

        await world.SignIn.CompleteWithLinkAsync(AccessWorld.TokenOf(world.LastMail), AccessWorld.Client, CancellationToken.None);

        var record = Assert.Single(world.Store.Records);
        Assert.Equal("editor@example.org", record.Address);
        Assert.Equal(start, record.At);
        Assert.Equal(SignInMethod.Link, record.Method);
        Assert.NotNull(record.ClientHash);
        Assert.DoesNotContain("203.0.113", record.ClientHash, StringComparison.Ordinal);
        Assert.Equal(world.Ids.HashClient("203.0.113.7"), record.ClientHash);
    }

    [Fact]
    public async Task ARoleRemovedAfterTheMail_SignsNobodyIn()
    {
        var world = await WorldWithEditorAsync();
        await world.RequestAsync("editor@example.org");
        await world.PeopleService.RemoveEditorAsync("editor@example.org", CancellationToken.None);

        var result = await world.SignIn.CompleteWithLinkAsync(AccessWorld.TokenOf(world.LastMail), AccessWorld.Client, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Empty(world.SessionStore.Sessions);
    }

    [Fact]
    public async Task AMailJobRunTwice_SendsOneMail()
    {
        var world = await WorldWithEditorAsync();
        await world.SignIn.RequestAsync("editor@example.org", AccessWorld.Client, CancellationToken.None);
        var job = Assert.Single(world.Queue.Jobs);

        Assert.True(await world.SignIn.SendMailAsync(job, CancellationToken.None));
        Assert.False(await world.SignIn.SendMailAsync(job, CancellationToken.None));

        Assert.Single(world.Sender.Sent);
    }

    private static string Ref(AccessWorld world) => string.Join('.', AccessWorld.TokenOf(world.LastMail).Split('.')[..2]);
}
