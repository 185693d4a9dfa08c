using Newsletter.Core.Access;
using Newsletter.Core.Subscriptions;

namespace Newsletter.Core.Tests.Access;

public class PeopleServiceTests
{
    [Fact]
    public async Task Addresses_AreCanonical_SoOneAddressIsOnePerson()
    {
        var world = new AccessWorld();
        await world.PeopleService.AddEditorAsync("  Alice@Example.ORG ", admin: false, CancellationToken.None);
        await world.PeopleService.AddEditorAsync("alice@example.org", admin: true, CancellationToken.None);

        var editor = Assert.Single(await world.PeopleService.ListEditorsAsync(CancellationToken.None));
        Assert.True(editor.IsAdmin);
        Assert.True(await world.PeopleService.RemoveEditorAsync("ALICE@example.org", CancellationToken.None));
        Assert.Null(await world.PeopleService.FindAsync(EmailAddress.Parse("alice@example.org"), CancellationToken.None));
    }

    [Fact]
    public async Task AddEditor_RefusesWhatIsNotAnAddress()
    {
        var world = new AccessWorld();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => world.PeopleService.AddEditorAsync("alice@", admin: false, CancellationToken.None));

        Assert.Contains("not an e-mail address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddContact_NeedsAKnownMember_AndOneMemberPerAddress()
    {
        var world = new AccessWorld();
        world.Members.Add("kth");
        world.Members.Add("ucl");

        await Assert.ThrowsAsync<ArgumentException>(() => world.PeopleService.AddContactAsync("nope", "press@kth.se", admin: false, CancellationToken.None));
        var contact = await world.PeopleService.AddContactAsync("kth", "press@kth.se", admin: true, CancellationToken.None);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => world.PeopleService.AddContactAsync("ucl", "Press@KTH.se", admin: false, CancellationToken.None));

        Assert.Contains("already a contact of 'kth'", error.Message, StringComparison.Ordinal);
        var person = await world.PeopleService.FindAsync(EmailAddress.Parse("press@kth.se"), CancellationToken.None);
        Assert.True(person!.IsContactOf("kth"));
        Assert.False(person.IsContactOf("ucl"));
        Assert.True(contact.IsAdmin);
        Assert.False(await world.PeopleService.RemoveContactAsync("ucl", "press@kth.se", CancellationToken.None));
        Assert.True(await world.PeopleService.RemoveContactAsync("kth", "press@kth.se", CancellationToken.None));
    }

    [Fact]
    public async Task AddInvitedContact_RefusesAnEditorAndAnotherMembersContact_AndChangesNothing()
    {
        var world = new AccessWorld();
        world.Members.Add("kth");
        world.Members.Add("ucl");
        await world.PeopleService.AddEditorAsync("editor@example.org", admin: false, CancellationToken.None);
        await world.PeopleService.AddContactAsync("ucl", "press@ucl.ac.uk", admin: false, CancellationToken.None);
        await world.PeopleService.AddContactAsync("kth", "press@kth.se", admin: false, CancellationToken.None);

        Assert.False(await world.PeopleService.AddInvitedContactAsync("kth", "Editor@Example.org", admin: true, CancellationToken.None));
        Assert.False(await world.PeopleService.AddInvitedContactAsync("kth", "press@ucl.ac.uk", admin: false, CancellationToken.None));
        Assert.True(await world.PeopleService.AddInvitedContactAsync("kth", "press@kth.se", admin: true, CancellationToken.None));
        Assert.True(await world.PeopleService.AddInvitedContactAsync("kth", "news@kth.se", admin: false, CancellationToken.None));

        Assert.Null((await world.PeopleService.FindAsync(EmailAddress.Parse("editor@example.org"), CancellationToken.None))!.Contact);
        Assert.True((await world.PeopleService.FindAsync(EmailAddress.Parse("press@ucl.ac.uk"), CancellationToken.None))!.IsContactOf("ucl"));
        Assert.True((await world.PeopleService.FindAsync(EmailAddress.Parse("press@kth.se"), CancellationToken.None))!.Contact!.IsAdmin);
        Assert.Equal(["news@kth.se", "press@kth.se"], (await world.PeopleService.ListContactsAsync("kth", CancellationToken.None)).Select(c => c.Address).Order());
    }
}
