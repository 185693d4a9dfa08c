using Newsletter.Core.Subscriptions;
using Newsletter.Web.Pages.Subscriptions;

namespace Newsletter.Web.Tests;

public class SubscriptionPageTests
{
    private static readonly Dictionary<string, string> NoErrors = [];

    [Fact]
    public async Task ConfirmPage_IsAButtonThatPostsTheToken_WithNoScript()
    {
        await using var pages = new Pages();

        var page = await pages.PageAsync<ConfirmPage, string>("a.b+c/d=");

        var form = page.QuerySelector("main form")!;
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("confirm?token=a.b%2Bc%2Fd%3D", form.GetAttribute("action"));
        Assert.Equal("Confirm my subscription", form.QuerySelector("button[type=submit]")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("script, [onload], [onclick]"));
    }

    [Fact]
    public async Task SecondConfirmation_SaysOnlyThatTheReaderIsAlreadySubscribed()
    {
        await using var pages = new Pages();

        var first = await pages.PageAsync<ConfirmedPage, ConfirmResult>(new ConfirmResult(ConfirmStatus.Confirmed, LinkProblem.None, "https://x/preferences?token=p", "https://x/unsubscribe?token=u"));
        var again = await pages.PageAsync<ConfirmedPage, ConfirmResult>(new ConfirmResult(ConfirmStatus.AlreadyConfirmed, LinkProblem.None, "https://x/preferences?token=p", "https://x/unsubscribe?token=u"));

        Assert.Equal("You are subscribed", first.QuerySelector("h1")!.TextContent);
        Assert.Contains("Thank you for confirming", first.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("You are already subscribed", again.QuerySelector("h1")!.TextContent);
        Assert.DoesNotContain("Thank you for confirming", again.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("welcome", again.QuerySelector("main")!.TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(LinkProblem.Invalid, true, "This link is not valid")]
    [InlineData(LinkProblem.Expired, true, "This link has expired")]
    [InlineData(LinkProblem.Superseded, true, "This link is no longer valid")]
    [InlineData(LinkProblem.Superseded, false, "Nothing to show")]
    public async Task LinkFailedPage_SaysWhyAndLeadsToTheSignup(LinkProblem problem, bool confirmation, string heading)
    {
        await using var pages = new Pages();

        var page = await pages.PageAsync<LinkFailedPage, LinkFailure>(new LinkFailure(problem, confirmation));

        Assert.Equal(heading, page.QuerySelector("h1")!.TextContent);
        Assert.Contains(page.QuerySelectorAll("main a"), a => a.GetAttribute("href") == "https://updates.example.net/subscribe");
    }

    [Fact]
    public async Task UnsubscribedPage_TellsAReaderWhoAlreadyLeft_ThatNothingChanged()
    {
        await using var pages = new Pages();

        var page = await pages.PageAsync<UnsubscribedPage, UnsubscribeStatus>(UnsubscribeStatus.AlreadyOff);

        Assert.Equal("You are already unsubscribed", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("nothing has changed", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("main form"));
    }

    [Fact]
    public async Task SignupPage_KeepsWhatWasTyped_AndShowsEachError_ByItsField()
    {
        await using var pages = new Pages();
        var form = new SignupForm("Research Network Updates", ["Research", "Funding"], "stamp", "https://updates.example.net/privacy");
        var input = new SignupInput("<b>not-an-address", "Jane", ["funding"], "daily", null, null);

        var page = await pages.PageAsync<SignupPage, SignupModel>(new SignupModel(form, input, new Dictionary<string, string> { [FormFields.Email] = "Enter an address like name@example.org." }));

        Assert.Equal("<b>not-an-address", page.QuerySelector("input#email")!.GetAttribute("value"));
        Assert.Equal("email-error", page.QuerySelector("input#email")!.GetAttribute("aria-describedby"));
        Assert.Equal("#email", page.QuerySelector(".summary a")!.GetAttribute("href"));
        Assert.True(page.QuerySelector("input[value=Funding]")!.HasAttribute("checked"));
        Assert.False(page.QuerySelector("input[value=Research]")!.HasAttribute("checked"));
        Assert.True(page.QuerySelector("input#frequency-daily")!.HasAttribute("checked"));
        Assert.Equal("stamp", page.QuerySelector("input[name=rendered]")!.GetAttribute("value"));
        Assert.Equal("true", page.QuerySelector(".hp")!.GetAttribute("aria-hidden"));
    }

    [Fact]
    public async Task PreferencesPage_ShowsTheChoices_AndThatTheyAreSaved()
    {
        await using var pages = new Pages();
        var view = new PreferencesView(ReaderState.Active, "jane@example.org", "Jane", ["Funding"], Frequency.Daily, true, ["Research", "Funding"], "tok+en");

        var page = await pages.PageAsync<PreferencesPage, PreferencesResult>(new PreferencesResult(PreferencesStatus.Saved, LinkProblem.None, view, NoErrors));

        Assert.Equal("Your preferences are saved.", page.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal("preferences?token=tok%2Ben", page.QuerySelector("main form")!.GetAttribute("action"));
        Assert.True(page.QuerySelector("input#paused")!.HasAttribute("checked"));
        Assert.Equal("https://updates.example.net/api/preferences/export?token=tok%2Ben", page.QuerySelector("main a[href*=export]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task PreferencesPage_OfAnUnsubscribedReader_SaysSo_AndOffersOnlyTheirDataRights()
    {
        await using var pages = new Pages();
        var view = new PreferencesView(ReaderState.Unsubscribed, "jane@example.org", null, [], Frequency.Weekly, false, ["Research"], "t");

        var page = await pages.PageAsync<PreferencesPage, PreferencesResult>(new PreferencesResult(PreferencesStatus.Shown, LinkProblem.None, view, NoErrors));

        Assert.Equal("Your subscription", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("You are unsubscribed", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["preferences/erase?token=t"], page.QuerySelectorAll("main form").Select(f => f.GetAttribute("action")));
    }
}
