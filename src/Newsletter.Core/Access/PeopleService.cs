using Newsletter.Core.Members;
using Newsletter.Core.Subscriptions;

namespace Newsletter.Core.Access;

/// <summary>Adds and removes editors and member contacts; addresses are canonical as readers' are.</summary>
public sealed class PeopleService(IPeopleStore people, IMemberStore members, ISessionStore sessions, PersonIds ids, TimeProvider time)
{
    public async Task<Editor> AddEditorAsync(string email, bool admin, CancellationToken cancellationToken)
    {
        var address = Parse(email);
        var editor = new Editor(ids.For(address), address.Address, admin, time.GetUtcNow());
        await people.SaveEditorAsync(editor, cancellationToken);
        return editor;
    }

    public Task<IReadOnlyList<Editor>> ListEditorsAsync(CancellationToken cancellationToken) => people.ListEditorsAsync(cancellationToken);

    /// <summary>Removes the editor role; a person left with no role is signed out everywhere at once.</summary>
    public async Task<bool> RemoveEditorAsync(string email, CancellationToken cancellationToken)
    {
        var id = ids.For(Parse(email));
        var removed = await people.RemoveEditorAsync(id, cancellationToken);
        await SignOutIfRolelessAsync(id, cancellationToken);
        return removed;
    }

    /// <summary>Makes the address a contact of the member. An address belongs to one member at most.</summary>
    public async Task<MemberContact> AddContactAsync(string memberId, string email, bool admin, CancellationToken cancellationToken)
    {
        var address = Parse(email);
        if (!MemberIds.IsValid(memberId) || await members.GetAsync(memberId, cancellationToken) is null)
        {
            throw new ArgumentException($"There is no member '{memberId}'. List them with: newsletter members list", nameof(memberId));
        }

        var id = ids.For(address);
        if (await people.FindAsync(id, cancellationToken) is { Contact: { } existing } && existing.MemberId != memberId)
        {
            throw new ArgumentException($"{address.Address} is already a contact of '{existing.MemberId}'; remove it there first.", nameof(email));
        }

        var contact = new MemberContact(id, memberId, address.Address, admin, time.GetUtcNow());
        await people.SaveContactAsync(contact, cancellationToken);
        return contact;
    }

    /// <summary>
    /// Makes the address a contact of the member on the invited person's acceptance: false, and nothing changed,
    /// when the address is a network editor (who could then review the member's own releases) or another member's
    /// contact. Operators add such people on purpose with <see cref="AddContactAsync"/>.
    /// </summary>
    public async Task<bool> AddInvitedContactAsync(string memberId, string email, bool admin, CancellationToken cancellationToken)
    {
        var address = Parse(email);
        var id = ids.For(address);
        if (await people.FindAsync(id, cancellationToken) is { } person && (person.Editor is not null || (person.Contact is { } contact && contact.MemberId != memberId)))
        {
            return false;
        }

        await AddContactAsync(memberId, address.Address, admin, cancellationToken);
        return true;
    }

    /// <summary>The person id an address would have.</summary>
    public string IdOf(EmailAddress address) => ids.For(address);

    public Task<IReadOnlyList<MemberContact>> ListContactsAsync(string memberId, CancellationToken cancellationToken) =>
        people.ListContactsAsync(memberId, cancellationToken);

    /// <summary>Removes the contact; a person left with no role is signed out everywhere at once.</summary>
    public async Task<bool> RemoveContactAsync(string memberId, string email, CancellationToken cancellationToken)
    {
        var id = ids.For(Parse(email));
        var removed = await people.RemoveContactAsync(id, memberId, cancellationToken);
        await SignOutIfRolelessAsync(id, cancellationToken);
        return removed;
    }

    /// <summary>The person an address names, with their roles, or null.</summary>
    public Task<Person?> FindAsync(EmailAddress address, CancellationToken cancellationToken) => people.FindAsync(ids.For(address), cancellationToken);

    private async Task SignOutIfRolelessAsync(string personId, CancellationToken cancellationToken)
    {
        if (await people.FindAsync(personId, cancellationToken) is null)
        {
            await sessions.RevokeAllAsync(personId, time.GetUtcNow(), cancellationToken);
        }
    }

    private static EmailAddress Parse(string email) => EmailAddress.TryParse(email, out var address, out var problem)
        ? address!
        : throw new ArgumentException($"'{email}' is not an e-mail address ({problem}).", nameof(email));
}
