using Newsletter.Core.Subscriptions;

namespace Newsletter.Core.Tests.Subscriptions;

/// <summary>The preferences page: showing and saving choices, and the link generations behind its links.</summary>
public class PreferencesServiceTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Preferences_ShowAndSaveNameTopicsFrequencyAndPause()
    {
        var world = new TestWorld();
        await world.SignUpAsync("jane@example.org", "Jane");
        var confirmed = await world.Confirmation.ConfirmAsync(world.LinkToken("confirm"), None);
        var token = TestWorld.TokenFrom(confirmed.PreferencesUrl!);

        var shown = await world.Preferences.GetPreferencesAsync(token, None);
        var saved = await world.Preferences.UpdatePreferencesAsync(token, new PreferencesInput("Jane D.", ["events", "Research"], "daily", Paused: true), None);

        Assert.Equal("jane@example.org", shown.View!.Address);
        Assert.Equal(PreferencesStatus.Saved, saved.Status);
        var reader = world.Reader("jane@example.org")!;
        Assert.Equal("Jane D.", reader.Name);
        Assert.Equal(["Research", "Events"], reader.Topics);
        Assert.Equal(Frequency.Daily, reader.Frequency);
        Assert.True(reader.Paused);
        Assert.False(reader.IsMailable);
    }

    [Fact]
    public async Task InvalidPreferences_AreNotSaved_AndComeBackWithTheTypedValues()
    {
        var world = new TestWorld();
        await world.SignUpAsync("jane@example.org", "Jane");
        var token = TestWorld.TokenFrom((await world.Confirmation.ConfirmAsync(world.LinkToken("confirm"), None)).PreferencesUrl!);

        var result = await world.Preferences.UpdatePreferencesAsync(token, new PreferencesInput(new string('n', 150), ["Events"], "weekly", false), None);

        Assert.Equal(PreferencesStatus.Invalid, result.Status);
        Assert.Equal(["Events"], result.View!.Topics);
        Assert.Equal("Jane", world.Reader("jane@example.org")!.Name);
    }

    [Fact]
    public async Task PreferencesLinkFromBeforeAnUnsubscribe_StopsWorkingOnceTheReaderSignsUpAgain_TheNewOneWorks()
    {
        var world = new TestWorld();
        var (old, _) = await world.SubscribeAndConfirmAsync("jane@example.org");
        await world.Unsubscribing.UnsubscribeAsync(old, None, TokenPurpose.Preferences);
        world.Time.Advance(TimeSpan.FromDays(30));

        var (current, _) = await world.SubscribeAndConfirmAsync("jane@example.org");

        await world.AssertPreferencesLinkDeadAsync(old);
        var reader = world.Reader("jane@example.org")!;
        Assert.Equal(ReaderState.Active, reader.State);
        Assert.Equal("Jane", reader.Name);
        Assert.Equal("jane@example.org", (await world.Preferences.GetPreferencesAsync(current, None)).View!.Address);
        Assert.Equal("jane@example.org", (await world.DataRights.ExportAsync(current, None)).Export!.Address);
    }

    [Fact]
    public async Task InvalidateMyOldLinks_KillsEveryEarlierPreferencesLink_GivesANewOne_AndLeavesUnsubscribeLinksWorking()
    {
        var world = new TestWorld();
        var (old, unsubscribe) = await world.SubscribeAndConfirmAsync("jane@example.org");
        var fromADigest = world.Tokens.Issue(TokenPurpose.Preferences, world.Reader("jane@example.org")!.Id);
        world.Time.Advance(TimeSpan.FromMinutes(5));

        var (url, problem) = await world.Preferences.InvalidateLinksAsync(old, None);

        Assert.Equal(LinkProblem.None, problem);
        await world.AssertPreferencesLinkDeadAsync(old);
        await world.AssertPreferencesLinkDeadAsync(fromADigest);
        Assert.Equal(PreferencesStatus.Shown, (await world.Preferences.GetPreferencesAsync(TestWorld.TokenFrom(url!), None)).Status);
        Assert.Equal(UnsubscribeStatus.Unsubscribed, (await world.Unsubscribing.UnsubscribeAsync(unsubscribe, None)).Status);
    }

    [Fact]
    public async Task ConcurrentSaves_AreRetriedOnFreshData()
    {
        var world = new TestWorld();
        await world.SignUpAsync("jane@example.org");
        var confirmed = await world.Confirmation.ConfirmAsync(world.LinkToken("confirm"), None);
        var token = TestWorld.TokenFrom(confirmed.PreferencesUrl!);

        var tasks = Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            world.Preferences.UpdatePreferencesAsync(token, new PreferencesInput($"Name {i}", [], "weekly", false), None)));
        var results = await Task.WhenAll(tasks);

        Assert.All(results, r => Assert.Equal(PreferencesStatus.Saved, r.Status));
        Assert.StartsWith("Name ", world.Reader("jane@example.org")!.Name, StringComparison.Ordinal);
    }
}
