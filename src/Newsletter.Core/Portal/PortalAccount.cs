using Newsletter.Core.Access;
using Newsletter.Core.Members;
using Newsletter.Core.Releases.Parsing;
using Newsletter.Core.Subscriptions;

namespace Newsletter.Core.Portal;

/// <summary>What the member's administrator sees: contacts, API keys (never their secrets) and the recorded changes.</summary>
public sealed record MemberAdministration(
    Member Member, IReadOnlyList<MemberContact> Contacts, IReadOnlyList<PortalInvitation> Invitations, IReadOnlyList<MemberApiKey> Keys, IReadOnlyList<PortalAuditEntry> Changes);

/// <summary>The end of an administrator's change: done (with a new key's secret, shown once), or why not.</summary>
public sealed record AccountChange(bool Done, string Message, string? NewApiKey = null);

/// <summary>
/// The member's own administration in the portal: invite (see <see cref="PortalInvitations"/>) and remove contacts, create and revoke API keys, every
/// change recorded with who made it; and each contact's choice of release mails.
/// </summary>
public sealed class PortalAccount(IPortalStore store, IMemberStore members, PeopleService people, PortalInvitations invitations, MemberService memberService, TimeProvider time)
{
    public async Task<MemberAdministration> AdministrationAsync(Member member, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        var current = await members.GetAsync(member.Id, cancellationToken) ?? member;
        var contacts = (await people.ListContactsAsync(member.Id, cancellationToken)).OrderBy(c => c.Address, StringComparer.Ordinal).ToArray();
        return new MemberAdministration(current, contacts, await invitations.ListAsync(member.Id, cancellationToken), current.Keys.OrderByDescending(k => k.CreatedAt).ToArray(),
            await store.ListAuditAsync(member.Id, 50, cancellationToken));
    }

    public async Task<AccountChange> InviteAsync(Person actor, Member member, string? email, bool admin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(member);
        if (!EmailAddress.TryParse(email, out var address, out _))
        {
            return new AccountChange(false, "Enter the e-mail address of the person to invite, like press@example.org.");
        }

        if (!admin && string.Equals(address!.Address, actor.Address, StringComparison.OrdinalIgnoreCase))
        {
            // Inviting oneself again without the box would drop one's own administration, perhaps the member's last.
            return new AccountChange(false, "You cannot take away your own administration; another administrator of the member can.");
        }

        var change = await invitations.InviteAsync(actor, member, address!, admin, cancellationToken);
        await RecordAsync(actor, member, admin ? "contact-invited-admin" : "contact-invited", address!.Address, cancellationToken);
        return change;
    }

    public async Task<AccountChange> RemoveAsync(Person actor, Member member, string? email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(member);
        if (!EmailAddress.TryParse(email, out var address, out _))
        {
            return new AccountChange(false, "Choose a contact to remove.");
        }

        if (string.Equals(address!.Address, actor.Address, StringComparison.OrdinalIgnoreCase))
        {
            return new AccountChange(false, "You cannot remove yourself; another administrator of the member can.");
        }

        if (await invitations.CancelAsync(member, address, cancellationToken))
        {
            await RecordAsync(actor, member, "invitation-cancelled", address.Address, cancellationToken);
            return new AccountChange(true, $"The invitation to {address.Address} is cancelled: its link no longer works.");
        }

        if (!await people.RemoveContactAsync(member.Id, address.Address, cancellationToken))
        {
            return new AccountChange(false, $"{address.Address} is not a contact of {member.DisplayName}.");
        }

        await RecordAsync(actor, member, "contact-removed", address.Address, cancellationToken);
        return new AccountChange(true, $"{address.Address} is no longer a contact; their sessions have ended.");
    }

    public async Task<AccountChange> CreateKeyAsync(Person actor, Member member, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        var key = await memberService.IssueKeyAsync(member.Id, cancellationToken);
        var keyId = key.Split('.')[0]["nk_".Length..];
        await RecordAsync(actor, member, "api-key-created", keyId, cancellationToken);
        return new AccountChange(true, $"API key {keyId} is ready. Copy it now: it is shown only this once.", key);
    }

    public async Task<AccountChange> RevokeKeyAsync(Person actor, Member member, string? keyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        var current = await members.GetAsync(member.Id, cancellationToken) ?? member;
        if (keyId is null || !current.Keys.Any(k => k.KeyId == keyId && k.Active))
        {
            return new AccountChange(false, "That key is not an active key of this member.");
        }

        await memberService.RevokeKeyAsync(member.Id, keyId, cancellationToken);
        await RecordAsync(actor, member, "api-key-revoked", keyId, cancellationToken);
        return new AccountChange(true, $"API key {keyId} is revoked: uploads with it are refused from now on.");
    }

    public Task<NoticeSettings> NoticeSettingsAsync(Person contact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return store.GetNoticeSettingsAsync(contact.Id, cancellationToken);
    }

    public Task SaveNoticeSettingsAsync(Person contact, NoticeSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return store.SaveNoticeSettingsAsync(contact.Id, settings, cancellationToken);
    }

    private Task RecordAsync(Person actor, Member member, string action, string detail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return store.AddAuditAsync(new PortalAuditEntry(time.GetUtcNow(), member.Id, actor.Address, action, TextCleaner.SingleLine(detail, 200)), cancellationToken);
    }
}
