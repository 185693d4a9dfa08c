using Microsoft.Extensions.DependencyInjection;
using Newsletter.Core.Updates;
using Newsletter.Testing;

namespace Newsletter.Functions.Tests.Console;

/// <summary>Every console route, found on the function classes themselves, refuses whoever is not an editor, and every post without the session's form token.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ConsoleAccessTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly ConsoleHarness app = new(azurite);

    public Task InitializeAsync() => app.StartAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    public static TheoryData<string> RouteNames() => Names(_ => true);

    public static TheoryData<string> PostRouteNames() => Names(r => r.Method == "post");

    public static TheoryData<string> AdminRouteNames() => Names(r => r.Admin);

    private static TheoryData<string> Names(Func<ConsoleRoute, bool> which)
    {
        var data = new TheoryData<string>();
        foreach (var route in ConsoleHarness.Routes().Where(which))
        {
            data.Add(route.ToString());
        }

        return data;
    }

    private static ConsoleRoute Find(string name) => ConsoleHarness.Routes().Single(r => r.ToString() == name);

    [Fact]
    public void TheConsoleHasRoutesForEachOfItsPages()
    {
        var routes = ConsoleHarness.Routes().Select(r => r.ToString()).ToArray();

        Assert.Contains("GET /console", routes);
        Assert.Contains("GET /console/updates/{updateId}", routes);
        Assert.Contains("POST /console/updates/{updateId}/{action}", routes);
        Assert.Contains("GET /console/audit", routes);
        Assert.Contains("POST /console/readers/import", routes);
        Assert.Contains("POST /console/readers/export", routes);
        Assert.Contains("GET /console/readers/imports/{importId}", routes);
        Assert.All(ConsoleHarness.Routes(), r => Assert.StartsWith("console", r.Route, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(RouteNames))]
    public async Task AnAnonymousVisitor_IsSentToSignIn(string name)
    {
        var response = await app.CallRouteAsync(Find(name), cookie: null);

        Assert.Equal(303, response.Status);
        Assert.Equal(ConsoleHarness.BaseUrl + "/signin", response.Headers.Location.ToString());
    }

    [Theory]
    [MemberData(nameof(RouteNames))]
    public async Task AMemberContact_IsRefused(string name)
    {
        var (cookie, token) = await app.SignInAsync("press@kth.se");

        var response = await app.CallRouteAsync(Find(name), cookie, [KeyValuePair.Create("antiforgery", token)]);

        Assert.Equal(403, response.Status);
        Assert.Contains("You cannot open this page", response.Body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AdminRouteNames))]
    public async Task AnEditor_IsRefusedOnTheAdminsRoutes(string name)
    {
        var (cookie, token) = await app.SignInAsync("editor@example.org");

        var response = await app.CallRouteAsync(Find(name), cookie, [KeyValuePair.Create("antiforgery", token)]);

        Assert.Equal(403, response.Status);
    }

    [Theory]
    [MemberData(nameof(PostRouteNames))]
    public async Task AnEditorsPostWithoutTheFormToken_IsRefused_AndAPostWithAnotherSessionsToken_Too(string name)
    {
        var route = Find(name);
        var (cookie, _) = await app.SignInAsync(route.Admin ? "admin@example.org" : "editor@example.org");
        var (_, otherToken) = await app.SignInAsync(route.Admin ? "admin@example.org" : "editor@example.org");

        var bare = await app.CallRouteAsync(route, cookie);
        var foreign = await app.CallRouteAsync(route, cookie, [KeyValuePair.Create("antiforgery", otherToken)]);

        Assert.Equal(403, bare.Status);
        Assert.Equal(403, foreign.Status);
        Assert.Contains("This form could not be accepted", bare.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnApprovalWithoutTheFormToken_LeavesTheUpdatePending()
    {
        var update = await app.SeedUpdateAsync("Sand battery stores heat for months");
        var (cookie, _) = await app.SignInAsync("editor@example.org");

        var response = await app.PostAsync<Functions.Console.ConsoleUpdateAction>($"/console/updates/{update.Id}/approve", cookie, token: null, [],
            (f, r) => f.Run(r, update.Id, "approve", CancellationToken.None));

        Assert.Equal(403, response.Status);
        var stored = await app.Services.GetRequiredService<IUpdateStore>().GetAsync(update.Id, CancellationToken.None);
        Assert.Equal(UpdateStatus.PendingReview, stored!.Status);
    }
}
