using Newsletter.Core.Subscriptions;

namespace Newsletter.Core.Access;

/// <summary>What a signed-in person may do. A person holds any mix of them.</summary>
public enum Role
{
    /// <summary>A contact of one member: the member portal, for that member only.</summary>
    MemberContact,

    /// <summary>The editor console.</summary>
    Editor,

    /// <summary>The editor console, including its administrative pages.</summary>
    Admin,
}

/// <summary>An editor of the network; <see cref="IsAdmin"/> adds the administrative pages.</summary>
public sealed record Editor(string PersonId, string Address, bool IsAdmin, DateTimeOffset AddedAt);

/// <summary>A contact of a member; <see cref="IsAdmin"/> marks the member's own administrator.</summary>
public sealed record MemberContact(string PersonId, string MemberId, string Address, bool IsAdmin, DateTimeOffset AddedAt);

/// <summary>Everyone who may sign in is one of these: an address with its roles.</summary>
public sealed record Person(string Id, string Address, Editor? Editor, MemberContact? Contact)
{
    public bool Has(Role role) => role switch
    {
        Role.Editor => Editor is not null,
        Role.Admin => Editor is { IsAdmin: true },
        Role.MemberContact => Contact is not null,
        _ => false,
    };

    /// <summary>True when the person is a contact of that member.</summary>
    public bool IsContactOf(string memberId) => Contact is not null && string.Equals(Contact.MemberId, memberId, StringComparison.Ordinal);

    /// <summary>The roles, in the words the pages and the CLI use.</summary>
    public IReadOnlyList<string> RoleNames
    {
        get
        {
            var names = new List<string>();
            if (Editor is not null)
            {
                names.Add(Editor.IsAdmin ? "admin" : "editor");
            }

            if (Contact is not null)
            {
                names.Add(Contact.IsAdmin ? $"member-contact of {Contact.MemberId} (admin)" : $"member-contact of {Contact.MemberId}");
            }

            return names;
        }
    }
}

/// <summary>Port: the people who may sign in, and their roles.</summary>
public interface IPeopleStore
{
    /// <summary>Adds or replaces an editor.</summary>
    Task SaveEditorAsync(Editor editor, CancellationToken cancellationToken);

    /// <summary>Removes an editor; false when there was none.</summary>
    Task<bool> RemoveEditorAsync(string personId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Editor>> ListEditorsAsync(CancellationToken cancellationToken);

    /// <summary>Adds or replaces a member contact.</summary>
    Task SaveContactAsync(MemberContact contact, CancellationToken cancellationToken);

    /// <summary>Removes a member contact; false when there was none.</summary>
    Task<bool> RemoveContactAsync(string personId, string memberId, CancellationToken cancellationToken);

    Task<IReadOnlyList<MemberContact>> ListContactsAsync(string memberId, CancellationToken cancellationToken);

    /// <summary>The person and all their roles, or null when the id holds none.</summary>
    Task<Person?> FindAsync(string personId, CancellationToken cancellationToken);
}

/// <summary>
/// Names people by a keyed hash of their canonical address (the readers' key, with its own prefix so a
/// person id never equals a reader id), and hashes client addresses for the sign-in record. Table keys
/// and links carry ids, never addresses.
/// </summary>
public sealed class PersonIds(ReaderIdentity identity)
{
    public string For(EmailAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return identity.Hash("person:" + address.Key);
    }

    /// <summary>A salted hash of a client IP, as the sign-in record keeps it.</summary>
    public string? HashClient(string? ip) => identity.HashIp(ip);

    /// <summary>Person ids are 32 lower-case hex digits.</summary>
    public static bool IsValid(string? id) => id is { Length: 32 } && id.All(char.IsAsciiHexDigitLower);
}
