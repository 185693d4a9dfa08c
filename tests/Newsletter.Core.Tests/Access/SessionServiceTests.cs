using Newsletter.Core.Access;
using Newsletter.Core.Subscriptions;

namespace Newsletter.Core.Tests.Access;

public class SessionServiceTests
{
    private static async Task<(AccessWorld World, string Secret)> SignedInAsync()
    {
        var world = new AccessWorld();
        var editor = await world.PeopleService.AddEditorAsync("editor@example.org", admin: true, CancellationToken.None);
        var (_, secret) = await world.Sessions.StartAsync(editor.PersonId, CancellationToken.None);
        return (world, secret);
    }

    [Fact]
    public async Task Session_IsKeptUnderTheHashOfItsSecret()
    {
        var (world, secret) = await SignedInAsync();

        var stored = Assert.Single(world.SessionStore.Sessions.Values);
        Assert.NotEqual(secret, stored.Id);
        Assert.Equal(SessionService.IdOf(secret), stored.Id);
        var found = await world.Sessions.FindAsync(secret, CancellationToken.None);
        Assert.True(found!.Person.Has(Role.Admin));
        Assert.Null(await world.Sessions.FindAsync(stored.Id, CancellationToken.None));
    }

    [Fact]
    public async Task Session_EndsAfterEightIdleHours()
    {
        var (world, secret) = await SignedInAsync();

        world.Time.Advance(TimeSpan.FromHours(7.9));
        Assert.NotNull(await world.Sessions.FindAsync(secret, CancellationToken.None));
        world.Time.Advance(TimeSpan.FromHours(7.9));
        Assert.NotNull(await world.Sessions.FindAsync(secret, CancellationToken.None));
        world.Time.Advance(TimeSpan.FromHours(8));

        Assert.Null(await world.Sessions.FindAsync(secret, CancellationToken.None));
    }

    [Fact]
    public async Task Session_EndsSevenDaysAfterSignIn_EvenWhenUsed()
    {
        var (world, secret) = await SignedInAsync();
        var start = world.Time.GetUtcNow();

        while (world.Time.GetUtcNow() - start < TimeSpan.FromDays(7) - TimeSpan.FromHours(1))
        {
            Assert.NotNull(await world.Sessions.FindAsync(secret, CancellationToken.None));
            world.Time.Advance(TimeSpan.FromHours(1));
        }

        world.Time.Advance(TimeSpan.FromHours(1));
        Assert.Null(await world.Sessions.FindAsync(secret, CancellationToken.None));
    }

    [Fact]
    public async Task SignOut_EndsTheSessionAtOnce()
    {
        var (world, secret) = await SignedInAsync();
        var signedIn = await world.Sessions.FindAsync(secret, CancellationToken.None);

        await world.Sessions.EndAsync(signedIn!.Session, CancellationToken.None);

        Assert.Null(await world.Sessions.FindAsync(secret, CancellationToken.None));
    }

    [Fact]
    public async Task RemovingTheLastRole_RevokesEverySession_AndRolesAreReadAfresh()
    {
        var (world, secret) = await SignedInAsync();
        world.Members.Add("kth");
        await world.PeopleService.AddContactAsync("kth", "editor@example.org", admin: false, CancellationToken.None);

        await world.PeopleService.RemoveEditorAsync("editor@example.org", CancellationToken.None);
        var stillContact = await world.Sessions.FindAsync(secret, CancellationToken.None);
        Assert.False(stillContact!.Person.Has(Role.Editor));
        Assert.True(stillContact.Person.IsContactOf("kth"));

        await world.PeopleService.RemoveContactAsync("kth", "editor@example.org", CancellationToken.None);
        Assert.Null(await world.Sessions.FindAsync(secret, CancellationToken.None));
        Assert.NotNull(Assert.Single(world.SessionStore.Sessions.Values).RevokedAt);
    }

    [Fact]
    public async Task AntiForgeryToken_IsBoundToItsSession()
    {
        var (world, secret) = await SignedInAsync();
        var (_, other) = await world.Sessions.StartAsync(world.Ids.For(EmailAddress.Parse("editor@example.org")), CancellationToken.None);
        var mine = (await world.Sessions.FindAsync(secret, CancellationToken.None))!;
        var theirs = (await world.Sessions.FindAsync(other, CancellationToken.None))!;

        Assert.True(world.Sessions.IsValidAntiForgery(mine, mine.AntiForgeryToken));
        Assert.False(world.Sessions.IsValidAntiForgery(mine, theirs.AntiForgeryToken));
        Assert.False(world.Sessions.IsValidAntiForgery(mine, null));
        Assert.False(world.Sessions.IsValidAntiForgery(mine, mine.AntiForgeryToken[..^3] + "abc"));
        Assert.False(world.Sessions.IsValidAntiForgery(mine, world.Tokens.Issue(TokenPurpose.Unsubscribe, "x")));
    }
}
