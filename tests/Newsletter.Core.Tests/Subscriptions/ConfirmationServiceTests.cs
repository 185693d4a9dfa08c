using Newsletter.Core.Subscriptions;

namespace Newsletter.Core.Tests.Subscriptions;

/// <summary>Confirming a signup: the link, its token, and the welcome it sends once.</summary>
public class ConfirmationServiceTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Confirm_ActivatesTheReader_RecordsTheConfirmation_AndSendsAWelcomeWithOneClickHeaders()
    {
        var world = new TestWorld();
        await world.SignUpAsync("jane@example.org", topics: ["Funding"]);
        var token = world.LinkToken("confirm");
        world.Time.Advance(TimeSpan.FromMinutes(3));

        var result = await world.Confirmation.ConfirmAsync(token, None);
        await world.DrainAsync();

        Assert.Equal(ConfirmStatus.Confirmed, result.Status);
        Assert.StartsWith("https://news.example.org/preferences?token=", result.PreferencesUrl, StringComparison.Ordinal);
        var reader = world.Reader("jane@example.org")!;
        Assert.Equal(ReaderState.Active, reader.State);
        Assert.Equal(world.Time.GetUtcNow(), reader.Consent!.ConfirmedAt);
        Assert.True(reader.IsMailable);
        var welcome = world.Sender.Sent[^1];
        Assert.StartsWith("Welcome", welcome.Subject, StringComparison.Ordinal);
        Assert.Matches("^<https://news.example.org/unsubscribe\\?token=[^>]+>, <mailto:unsubscribe@news.example.org\\?subject=unsubscribe>$", welcome.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", welcome.Headers["List-Unsubscribe-Post"]);
    }

    [Fact]
    public async Task ConfirmingTwice_SaysAlreadyConfirmed_AndSendsNoSecondWelcome()
    {
        var world = new TestWorld();
        await world.SignUpAsync("jane@example.org");
        var token = world.LinkToken("confirm");
        await world.Confirmation.ConfirmAsync(token, None);
        await world.DrainAsync();
        var sent = world.Sender.Sent.Count;

        var again = await world.Confirmation.ConfirmAsync(token, None);
        await world.DrainAsync();

        Assert.Equal(ConfirmStatus.AlreadyConfirmed, again.Status);
        Assert.Equal(sent, world.Sender.Sent.Count);
    }

    [Fact]
    public async Task ExpiredConfirmation_IsRefused_AndChangesNothing()
    {
        var world = new TestWorld();
        await world.SignUpAsync("jane@example.org");
        var token = world.LinkToken("confirm");
        world.Time.Advance(TimeSpan.FromDays(7));

        var result = await world.Confirmation.ConfirmAsync(token, None);

        Assert.Equal(LinkProblem.Expired, result.Problem);
        Assert.Equal(ReaderState.Pending, world.Reader("jane@example.org")!.State);
    }

    [Fact]
    public async Task TamperedOrWrongPurposeTokens_AreRefused_AndChangeNothing()
    {
        var world = new TestWorld();
        await world.SignUpAsync("jane@example.org");
        var confirm = world.LinkToken("confirm");
        var reader = world.Reader("jane@example.org")!;
        var unsubscribe = world.Tokens.Issue(TokenPurpose.Unsubscribe, reader.Id);

        Assert.Equal(LinkProblem.Invalid, (await world.Confirmation.ConfirmAsync(confirm[..^2] + "xx", None)).Problem);
        Assert.Equal(LinkProblem.Invalid, (await world.Confirmation.ConfirmAsync(unsubscribe, None)).Problem);
        Assert.Equal(LinkProblem.Invalid, (await world.Unsubscribing.UnsubscribeAsync(confirm, None)).Problem);
        Assert.Equal(LinkProblem.Invalid, (await world.DataRights.EraseAsync(unsubscribe, None)).Problem);
        Assert.Equal(LinkProblem.Invalid, (await world.DataRights.ExportAsync(confirm, None)).Problem);

        Assert.Equal(ReaderState.Pending, world.Reader("jane@example.org")!.State);
    }
}
