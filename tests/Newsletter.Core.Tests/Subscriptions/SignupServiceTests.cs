using Newsletter.Core.Subscriptions;

namespace Newsletter.Core.Tests.Subscriptions;

/// <summary>Signing up: the form, its checks and limits, the queued request and the batch that applies it.</summary>
public class SignupServiceTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Signup_QueuesTheRequest_WithTheIpHashedNotInTheClear()
    {
        var world = new TestWorld();

        var result = await world.PostAsync(" Jane@Example.org ", "Jane", ["research"], "daily");

        Assert.Equal(SubmitStatus.Accepted, result.Status);
        var queued = Assert.IsType<SignupRequest>(Assert.Single(world.Signups.Items));
        Assert.Equal("Jane@example.org", queued.Address);
        Assert.Equal(["Research"], queued.Topics);
        Assert.Equal(Frequency.Daily, queued.Frequency);
        Assert.NotNull(queued.IpHash);
        Assert.DoesNotContain("203.0.113.7", queued.IpHash, StringComparison.Ordinal);
        Assert.Equal("Mozilla/5.0 (test)", queued.UserAgent);
    }

    [Fact]
    public async Task NewAddress_BecomesPending_WithConsent_AndGetsAConfirmationMail()
    {
        var world = new TestWorld(o => { o.FormVersion = "form-3"; o.PrivacyNoticeVersion = "pn-7"; });

        var reader = await world.SignUpAsync("jane@example.org", "Jane");

        Assert.Equal(ReaderState.Pending, reader.State);
        Assert.Equal("form-3", reader.Consent!.FormVersion);
        Assert.Equal("pn-7", reader.Consent.PrivacyNoticeVersion);
        Assert.Null(reader.Consent.ConfirmedAt);
        var mail = Assert.Single(world.Sender.Sent);
        Assert.Equal("jane@example.org", mail.To.Address);
        Assert.Null(mail.To.Name);
        Assert.Contains("confirm", mail.Subject, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("https://news.example.org/confirm?token=", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://news.example.org/confirm?token=", mail.HtmlBody, StringComparison.Ordinal);
        Assert.False(mail.Headers.ContainsKey("List-Unsubscribe"));
        AssertParagraphsAreNotWrapped(mail.TextBody);
    }

    /// <summary>A text part's paragraph is one line: the mail client wraps it, so a line never goes on mid-sentence on the next.</summary>
    private static void AssertParagraphsAreNotWrapped(string text)
    {
        var lines = text.Split('\n');
        for (var i = 1; i < lines.Length; i++)
        {
            Assert.False(lines[i - 1].Trim().Length > 0 && lines[i].Length > 0 && char.IsLower(lines[i][0]),
                $"The line \"{lines[i]}\" goes on the sentence of the line before it.");
        }
    }

    [Fact]
    public async Task ConfirmationMail_CarriesNothingTheSignerTyped_TheNameComesOnlyAfterConfirmation()
    {
        var world = new TestWorld();
        const string Spam = "URGENT your account is locked call 555 0100";

        await world.SignUpAsync("victim@example.org", Spam);

        var confirmation = Assert.Single(world.Sender.Sent);
        Assert.Null(confirmation.To.Name);
        Assert.DoesNotContain("URGENT", confirmation.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("URGENT", confirmation.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("URGENT", confirmation.Subject, StringComparison.Ordinal);
        Assert.StartsWith("Hello,", confirmation.TextBody, StringComparison.Ordinal);

        await world.Confirmation.ConfirmAsync(world.LinkToken("confirm"), None);
        await world.DrainAsync();

        var welcome = world.Sender.Sent[^1];
        Assert.Equal(Spam, welcome.To.Name);
        Assert.Contains($"Hello {Spam},", welcome.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameAddressInAnotherCase_IsTheSameReader()
    {
        var world = new TestWorld();

        var first = await world.SignUpAsync("A@Example.org");
        var second = await world.SignUpAsync("a@example.org ");

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(2, world.Sender.Sent.Count);
        Assert.Equal("a@example.org", world.Sender.Sent[1].To.Address);
    }

    [Fact]
    public async Task ConfirmationMails_AreLimitedPerAddressPerHour()
    {
        var world = new TestWorld(o => o.ConfirmationMailsPerHour = 3);

        for (var i = 0; i < 5; i++)
        {
            await world.SignUpAsync("jane@example.org");
        }

        Assert.Equal(3, world.Sender.Sent.Count);
        world.Time.Advance(TimeSpan.FromHours(1));
        await world.SignUpAsync("jane@example.org");
        Assert.Equal(4, world.Sender.Sent.Count);
    }

    [Fact]
    public async Task ActiveReaderSigningUpAgain_GetsAnAlreadySubscribedMailAtMostOnceADay_AndKeepsTheirChoices()
    {
        var world = new TestWorld();
        await world.SignUpAsync("jane@example.org", "Jane", ["Events"]);
        await world.Confirmation.ConfirmAsync(world.LinkToken("confirm"), None);
        await world.DrainAsync();
        var sent = world.Sender.Sent.Count;

        await world.SignUpAsync("jane@example.org", "Mallory", ["Funding"]);
        await world.SignUpAsync("jane@example.org");

        Assert.Equal(sent + 1, world.Sender.Sent.Count);
        Assert.Contains("already subscribed", world.Sender.Sent[^1].Subject, StringComparison.Ordinal);
        AssertParagraphsAreNotWrapped(world.Sender.Sent[^1].TextBody);
        var reader = world.Reader("jane@example.org")!;
        Assert.Equal(ReaderState.Active, reader.State);
        Assert.Equal("Jane", reader.Name);
        Assert.Equal(["Events"], reader.Topics);

        world.Time.Advance(TimeSpan.FromHours(24));
        await world.SignUpAsync("jane@example.org");
        Assert.Equal(sent + 2, world.Sender.Sent.Count);
    }

    [Fact]
    public async Task ResubscribingAfterUnsubscribe_NeedsANewConfirmation_AndTheOldLinkNoLongerWorks()
    {
        var world = new TestWorld();
        await world.SignUpAsync("jane@example.org");
        var firstConfirm = world.LinkToken("confirm");
        var confirmed = await world.Confirmation.ConfirmAsync(firstConfirm, None);
        await world.Unsubscribing.UnsubscribeAsync(TestWorld.TokenFrom(confirmed.UnsubscribeUrl!), None);
        world.Time.Advance(TimeSpan.FromMinutes(5));

        var back = await world.SignUpAsync("jane@example.org");
        Assert.Equal(ReaderState.Pending, back.State);

        var old = await world.Confirmation.ConfirmAsync(firstConfirm, None);
        Assert.Equal(LinkProblem.Superseded, old.Problem);
        Assert.Equal(ReaderState.Pending, world.Reader("jane@example.org")!.State);

        var fresh = await world.Confirmation.ConfirmAsync(world.LinkToken("confirm"), None);
        Assert.Equal(ConfirmStatus.Confirmed, fresh.Status);

        // Once active again, the stale link still hands out no preferences or unsubscribe links.
        var stale = await world.Confirmation.ConfirmAsync(firstConfirm, None);
        Assert.Equal(ConfirmStatus.Failed, stale.Status);
        Assert.Null(stale.PreferencesUrl);
    }

    [Theory]
    [InlineData(ReaderState.Bounced)]
    [InlineData(ReaderState.Complained)]
    public async Task SuppressedReaders_AreNeverMailed_EvenWhenTheySignUpAgain(ReaderState suppressed)
    {
        var world = new TestWorld();
        var reader = await world.SignUpAsync("jane@example.org");
        await world.Confirmation.ConfirmAsync(world.LinkToken("confirm"), None);
        reader = world.Reader("jane@example.org")!;
        reader.MoveTo(suppressed, world.Time.GetUtcNow(), "provider event");
        await world.Store.SaveAsync(reader, None);
        var sent = world.Sender.Sent.Count;

        await world.SignUpAsync("jane@example.org");
        world.Time.Advance(TimeSpan.FromDays(2));
        await world.SignUpAsync("jane@example.org");
        var welcome = await world.Mailer.SendAsync(new MailJob(MailKind.Welcome, reader.Id, world.Time.GetUtcNow()), None);

        Assert.False(welcome);
        Assert.Equal(sent, world.Sender.Sent.Count);
        Assert.Equal(suppressed, world.Reader("jane@example.org")!.State);
    }

    [Fact]
    public async Task Honeypot_IsAcceptedOutwardly_ButQueuesNothing()
    {
        var world = new TestWorld();
        var form = world.Signup.RenderForm(TestWorld.Client);
        world.Time.Advance(TimeSpan.FromSeconds(10));

        var result = await world.Signup.SubmitAsync(new SignupInput("bot@example.org", null, [], "weekly", "http://spam.example", form.RenderToken), TestWorld.Client, None);

        Assert.Equal(SubmitStatus.Accepted, result.Status);
        Assert.Equal("honeypot filled", result.Dropped);
        Assert.Empty(world.Signups.Items);
    }

    [Fact]
    public async Task PostSoonerThanTheMinimumRenderTime_IsAcceptedOutwardly_ButQueuesNothing()
    {
        var world = new TestWorld();
        var form = world.Signup.RenderForm(TestWorld.Client);
        world.Time.Advance(TimeSpan.FromSeconds(1));

        var result = await world.Signup.SubmitAsync(new SignupInput("fast@example.org", null, [], "weekly", null, form.RenderToken), TestWorld.Client, None);

        Assert.Equal(SubmitStatus.Accepted, result.Status);
        Assert.NotNull(result.Dropped);
        Assert.Empty(world.Signups.Items);
    }

    [Fact]
    public async Task MinRenderTimeOfZero_AcceptsAnImmediatePost()
    {
        var world = new TestWorld(o => o.MinRenderSeconds = 0);
        var form = world.Signup.RenderForm(TestWorld.Client);

        var result = await world.Signup.SubmitAsync(new SignupInput("fast@example.org", null, [], "weekly", null, form.RenderToken), TestWorld.Client, None);

        Assert.Null(result.Dropped);
        Assert.Single(world.Signups.Items);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("forged")]
    public async Task MissingOrForgedRenderStamp_ShowsTheFormAgain(string? stamp)
    {
        var world = new TestWorld();

        var result = await world.Signup.SubmitAsync(new SignupInput("jane@example.org", "Jane", [], "weekly", null, stamp), TestWorld.Client, None);

        Assert.Equal(SubmitStatus.Invalid, result.Status);
        Assert.Contains("expired", result.Errors[FormFields.Form], StringComparison.Ordinal);
        Assert.Empty(world.Signups.Items);
    }

    [Fact]
    public async Task FormStamp_WorksOnlyFromTheClientItWasServedTo_AndOnlyForAnHour()
    {
        var world = new TestWorld();
        var form = world.Signup.RenderForm(TestWorld.Client);
        world.Time.Advance(TimeSpan.FromSeconds(10));

        var elsewhere = await world.Signup.SubmitAsync(new SignupInput("a@example.org", null, [], "weekly", null, form.RenderToken),
            new ClientInfo("198.51.100.200", "Mozilla/5.0 (test)"), None);
        var sameClient = await world.Signup.SubmitAsync(new SignupInput("b@example.org", null, [], "weekly", null, form.RenderToken), TestWorld.Client, None);
        world.Time.Advance(TimeSpan.FromMinutes(61));
        var later = await world.Signup.SubmitAsync(new SignupInput("c@example.org", null, [], "weekly", null, form.RenderToken), TestWorld.Client, None);

        Assert.Equal(SubmitStatus.Invalid, elsewhere.Status);
        Assert.Contains("expired", elsewhere.Errors[FormFields.Form], StringComparison.Ordinal);
        Assert.Equal(SubmitStatus.Accepted, sameClient.Status);
        Assert.Equal(SubmitStatus.Invalid, later.Status);
        Assert.Equal(["b@example.org"], world.Signups.Items.Cast<SignupRequest>().Select(r => r.Address));
    }

    [Fact]
    public async Task StaleForm_ShowsTheFormAgainWithAFreshStamp()
    {
        var world = new TestWorld(o => o.FormMaxAgeHours = 24);
        var form = world.Signup.RenderForm(TestWorld.Client);
        world.Time.Advance(TimeSpan.FromHours(25));

        var result = await world.Signup.SubmitAsync(new SignupInput("jane@example.org", null, [], "weekly", null, form.RenderToken), TestWorld.Client, None);

        Assert.Equal(SubmitStatus.Invalid, result.Status);
        Assert.NotEqual(form.RenderToken, result.Form.RenderToken);
    }

    [Fact]
    public async Task InvalidFields_EachGetTheirOwnMessage()
    {
        var world = new TestWorld();

        var result = await world.PostAsync("jane@localhost", new string('x', 101), ["Knitting"], "hourly");

        Assert.Equal(SubmitStatus.Invalid, result.Status);
        Assert.Equal(FormRules.Message(AddressProblem.DomainNeedsDot), result.Errors[FormFields.Email]);
        Assert.Contains("100 characters", result.Errors[FormFields.Name], StringComparison.Ordinal);
        Assert.Equal("Please choose topics from the list.", result.Errors[FormFields.Topics]);
        Assert.Equal("Please choose daily or weekly.", result.Errors[FormFields.Frequency]);
        Assert.Empty(world.Signups.Items);
    }

    [Fact]
    public async Task NameWithALineBreak_IsRefused()
    {
        var world = new TestWorld();

        var result = await world.PostAsync("jane@example.org", "Jane\r\nBcc: x@example.org");

        Assert.Contains("line breaks", result.Errors[FormFields.Name], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Ada \u202Egro.elpmaxe@nimda\u202C", "Ada gro.elpmaxe@nimda")] // right-to-left override and its pop
    [InlineData("\u2067\u05D3\u05E0\u05D4\u2069 Cohen", "\u05D3\u05E0\u05D4 Cohen")] // right-to-left isolate
    [InlineData("\u202A\u202B\u202D\u2066\u2068", null)] // nothing but controls: no name
    [InlineData("\u05D3\u05E0\u05D4\u200F Cohen", "\u05D3\u05E0\u05D4\u200F Cohen")] // a right-to-left mark is kept
    public async Task ANamesBidiControls_AreTakenOut_SoItCannotTurnWhatFollowsItAround(string typed, string? kept)
    {
        var world = new TestWorld();

        var result = await world.PostAsync("jane@example.org", typed);

        Assert.Equal(SubmitStatus.Accepted, result.Status);
        Assert.Equal(kept, Assert.IsType<SignupRequest>(Assert.Single(world.Signups.Items)).Name);
    }

    [Fact]
    public async Task TooManyPostsFromOneIp_AreRateLimited_WithRetryAfter()
    {
        var world = new TestWorld(o => { o.IpRateLimit = 2; o.IpRateLimitWindowSeconds = 600; });

        await world.PostAsync("a@example.org");
        await world.PostAsync("b@example.org");
        var third = await world.PostAsync("c@example.org");
        var otherIp = await world.PostAsync("d@example.org", client: new ClientInfo("198.51.100.9", null));

        Assert.Equal(SubmitStatus.RateLimited, third.Status);
        Assert.True(third.RetryAfter > TimeSpan.Zero && third.RetryAfter <= TimeSpan.FromSeconds(600));
        Assert.Equal(SubmitStatus.Accepted, otherIp.Status);
        Assert.Equal(3, world.Signups.Items.Count);
    }

    [Fact]
    public async Task SignupBatch_WithOneFailingEntry_AppliesTheOthers_AndQueuesTheFailedOneAlone()
    {
        var world = new TestWorld();
        foreach (var email in new[] { "a@example.org", "b@example.org", "c@example.org" })
        {
            Assert.Equal(SubmitStatus.Accepted, (await world.PostAsync(email)).Status);
        }

        var batch = world.Signups.Items.Cast<SignupRequest>().ToArray();
        world.Signups.Items.Clear();
        world.Store.FailingAddresses.Add("b@example.org");

        await world.Signup.ProcessSignupsAsync(batch, None);

        Assert.Equal(ReaderState.Pending, world.Reader("a@example.org")!.State);
        Assert.Equal(ReaderState.Pending, world.Reader("c@example.org")!.State);
        Assert.Null(world.Reader("b@example.org"));
        var requeued = Assert.Single(world.Signups.Items.Cast<SignupRequest>());
        Assert.Equal("b@example.org", requeued.Address);

        world.Store.FailingAddresses.Clear();
        await world.Signup.ProcessSignupsAsync([requeued], None);
        Assert.Equal(ReaderState.Pending, world.Reader("b@example.org")!.State);
    }

    [Fact]
    public async Task SignupBatch_WhereNothingCanBeApplied_FailsAsAWhole_ForTheQueueToRetry()
    {
        var world = new TestWorld();
        Assert.Equal(SubmitStatus.Accepted, (await world.PostAsync("a@example.org")).Status);
        var batch = world.Signups.Items.Cast<SignupRequest>().ToArray();
        world.Signups.Items.Clear();
        world.Store.FailingAddresses.Add("a@example.org");

        await Assert.ThrowsAsync<IOException>(() => world.Signup.ProcessSignupsAsync(batch, None));
        Assert.Empty(world.Signups.Items);
    }
}
