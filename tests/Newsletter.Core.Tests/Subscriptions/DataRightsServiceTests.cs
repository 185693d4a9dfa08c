using Newsletter.Core.Subscriptions;

namespace Newsletter.Core.Tests.Subscriptions;

/// <summary>A reader's data rights: the export of what is kept, and erasure.</summary>
public class DataRightsServiceTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Export_GivesEverythingKept_AndEraseLeavesOnlyTheHash()
    {
        var world = new TestWorld();
        await world.SignUpAsync("jane@example.org", "Jane", ["Research"]);
        var confirmed = await world.Confirmation.ConfirmAsync(world.LinkToken("confirm"), None);
        var token = TestWorld.TokenFrom(confirmed.PreferencesUrl!);

        var (export, _) = await world.DataRights.ExportAsync(token, None);
        Assert.Equal("jane@example.org", export!.Address);
        Assert.Equal("Jane", export.Name);
        Assert.Equal("Active", export.State);
        Assert.NotNull(export.Consent!.ConfirmedAt);
        Assert.Equal(["Pending", "Active"], export.History.Select(h => h.To));

        var erased = await world.DataRights.EraseAsync(token, None);
        Assert.Equal(EraseStatus.Erased, erased.Status);

        var reader = world.Reader("jane@example.org")!;
        Assert.Equal(ReaderState.Erased, reader.State);
        Assert.Null(reader.Address);
        Assert.Null(reader.Name);
        Assert.Null(reader.Consent);
        // Erasure ends the generation of the reader's links: the one used to erase shows nothing any more.
        Assert.Equal(LinkProblem.Superseded, (await world.DataRights.ExportAsync(token, None)).Problem);
        Assert.Equal(PreferencesStatus.Failed, (await world.Preferences.GetPreferencesAsync(token, None)).Status);
        Assert.Equal(EraseStatus.AlreadyErased, (await world.DataRights.EraseAsync(token, None)).Status);
    }

    [Fact]
    public async Task Export_OfAnErasedReader_GivesNothing_EvenForARowWithoutALinkGeneration()
    {
        var world = new TestWorld();
        await world.SignUpAsync("jane@example.org", "Jane", ["Research"]);
        var confirmed = await world.Confirmation.ConfirmAsync(world.LinkToken("confirm"), None);
        var token = TestWorld.TokenFrom(confirmed.PreferencesUrl!);
        var reader = world.Reader("jane@example.org")!;
        // A row erased before erasure started a new link generation: the state alone must close the link.
        var stored = await world.Store.GetAsync(reader.Id, reader.Bucket, None);
        await world.Store.SaveAsync(Reader.Restore(stored!.ToRecord() with { State = ReaderState.Erased, LinksValidSince = null, Address = null }), None);

        var (export, problem) = await world.DataRights.ExportAsync(token, None);

        Assert.Null(export);
        Assert.Equal(LinkProblem.Superseded, problem);
    }

    [Fact]
    public async Task Erase_KillsThePreferencesLinks_AndSigningUpAgainDoesNotBringThemBack()
    {
        var world = new TestWorld();
        var (old, unsubscribe) = await world.SubscribeAndConfirmAsync("jane@example.org");
        Assert.Equal(EraseStatus.Erased, (await world.DataRights.EraseAsync(old, None)).Status);
        world.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(LinkProblem.Superseded, (await world.DataRights.ExportAsync(old, None)).Problem);

        await world.SubscribeAndConfirmAsync("jane@example.org");

        await world.AssertPreferencesLinkDeadAsync(old);
        // Every unsubscribe link ever mailed keeps working.
        Assert.Equal(UnsubscribeStatus.Unsubscribed, (await world.Unsubscribing.UnsubscribeAsync(unsubscribe, None)).Status);
    }

    [Fact]
    public async Task Erase_ReachesTheCopiesOutsideTheReaderRow_AndAskingAgainReachesThemAgain()
    {
        var world = new TestWorld();
        var (token, _) = await world.SubscribeAndConfirmAsync("jane@example.org");
        var id = world.Reader("jane@example.org")!.Id;

        await world.DataRights.EraseAsync(token, None);
        await world.DataRights.EraseAsync(token, None);

        Assert.Equal([id, id], world.Copies.Forgotten);
    }

    [Fact]
    public async Task ErasedReader_IsNotMailedByAnOldQueuedJob_ButMaySignUpAgainWithConfirmation()
    {
        var world = new TestWorld();
        await world.SignUpAsync("jane@example.org");
        var confirmed = await world.Confirmation.ConfirmAsync(world.LinkToken("confirm"), None);
        var reader = world.Reader("jane@example.org")!;
        await world.DataRights.EraseAsync(TestWorld.TokenFrom(confirmed.PreferencesUrl!), None);
        var sent = world.Sender.Sent.Count;

        Assert.False(await world.Mailer.SendAsync(new MailJob(MailKind.Welcome, reader.Id, world.Time.GetUtcNow()), None));
        Assert.Equal(sent, world.Sender.Sent.Count);

        var back = await world.SignUpAsync("jane@example.org");
        Assert.Equal(ReaderState.Pending, back.State);
        Assert.Equal(reader.Id, back.Id);
        Assert.Equal(sent + 1, world.Sender.Sent.Count);
    }
}
