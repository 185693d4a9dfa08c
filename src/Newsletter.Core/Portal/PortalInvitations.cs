using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Newsletter.Core.Access;
using Newsletter.Core.Mail;
using Newsletter.Core.Members;
using Newsletter.Core.Releases.Parsing;
using Newsletter.Core.Subscriptions;

namespace Newsletter.Core.Portal;

/// <summary>
/// An invitation to become a contact of a member, waiting for the invited address to accept it. Only the hash of
/// the mailed link's secret is kept.
/// </summary>
public sealed record PortalInvitation(
    string MemberId, string PersonId, string Address, bool Admin, string InvitedBy, DateTimeOffset InvitedAt, DateTimeOffset ExpiresAt, string SecretHash)
{
    public bool IsOpen(DateTimeOffset now) => now < ExpiresAt;
}

/// <summary>What the invitation mail says; every value is shown encoded.</summary>
public sealed record InvitationMail(string NetworkName, string MemberName, string Address, bool Admin, string AcceptUrl, DateTimeOffset ExpiresAt);

/// <summary>Port: the subject, HTML and text of the invitation mail.</summary>
public interface IInvitationMailTemplate
{
    Task<RenderedMail> RenderAsync(InvitationMail model);
}

/// <summary>How opening or accepting an invitation ended.</summary>
public enum InvitationOutcome
{
    /// <summary>The link names an open invitation (opening it), or the address is now a contact (accepting it).</summary>
    Open,
    Joined,

    /// <summary>The address already has a role elsewhere in the network (another member's contact, or an editor).</summary>
    AddressInUse,

    /// <summary>Unknown, cancelled, already used or expired: all read the same.</summary>
    NotValid,
}

/// <summary>An invitation link's state, with the member it is for when the link is valid.</summary>
public sealed record InvitationCheck(InvitationOutcome Outcome, string? MemberName = null, string? Address = null);

/// <summary>
/// Invitations by a member's administrator. The administrator's answer is the same for every address, and so is
/// what the administration page shows (an open invitation) until the invited person accepts: whether an address
/// is another member's contact or a network editor is told only to whoever holds the address, when they accept.
/// </summary>
public sealed partial class PortalInvitations(
    IPortalStore store,
    IMemberStore members,
    PeopleService people,
    IMailSender sender,
    IInvitationMailTemplate template,
    AccessLinks links,
    IOptions<AppOptions> app,
    IOptions<MailOptions> mail,
    TimeProvider time,
    ILogger<PortalInvitations> logger)
{
    /// <summary>How long an invitation link works.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>
    /// Records an invitation and mails its link; an address that is already the member's contact only has its
    /// administrator flag set. Any other address, whatever role it holds elsewhere, gets the same invitation.
    /// </summary>
    public async Task<AccountChange> InviteAsync(Person actor, Member member, EmailAddress address, bool admin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(address);
        var existing = (await people.ListContactsAsync(member.Id, cancellationToken)).FirstOrDefault(c => string.Equals(c.Address, address.Address, StringComparison.OrdinalIgnoreCase));
        if (existing is not null)
        {
            // Listed on the administrator's own page already, so saying so discloses nothing.
            await people.AddContactAsync(member.Id, existing.Address, admin, cancellationToken);
            return new AccountChange(true, $"{existing.Address} is already a contact of {member.DisplayName}; {(admin ? "they are now an administrator too" : "they are a contact without administration")}.");
        }

        var now = time.GetUtcNow();
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var personId = people.IdOf(address);
        var invitation = new PortalInvitation(member.Id, personId, address.Address, admin, actor.Address, now, now + Lifetime, Hash(secret));
        await store.SaveInvitationAsync(invitation, cancellationToken);
        var accept = $"{links.Portal}/join?token={Uri.EscapeDataString($"{member.Id}.{personId}.{secret}")}";
        var content = await template.RenderAsync(new InvitationMail(app.Value.NetworkName, member.DisplayName, address.Address, admin, accept, invitation.ExpiresAt));
        await sender.SendAsync(new MailMessage(mail.Value.Sender(app.Value), new Mailbox(address.Address), content.Subject, content.Html, content.Text), cancellationToken);
        LogInvited(member.Id, personId);
        return new AccountChange(true, $"An invitation is on its way to {address.Address}. They become a contact{(admin ? " and administrator" : string.Empty)} of {member.DisplayName} when they accept it, within {Lifetime.Days} days.");
    }

    /// <summary>The member's open invitations, newest first.</summary>
    public async Task<IReadOnlyList<PortalInvitation>> ListAsync(string memberId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return (await store.ListInvitationsAsync(memberId, cancellationToken)).Where(i => i.IsOpen(now)).OrderByDescending(i => i.InvitedAt).ToArray();
    }

    /// <summary>Cancels an invitation; false when the member had none for the address.</summary>
    public async Task<bool> CancelAsync(Member member, EmailAddress address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(member);
        var personId = people.IdOf(address);
        if (await store.GetInvitationAsync(member.Id, personId, cancellationToken) is null)
        {
            return false;
        }

        await store.DeleteInvitationAsync(member.Id, personId, cancellationToken);
        return true;
    }

    /// <summary>Whether a link names an open invitation; changes nothing (mail scanners open links).</summary>
    public async Task<InvitationCheck> CheckAsync(string? token, CancellationToken cancellationToken)
    {
        var (invitation, member) = await FindAsync(token, cancellationToken);
        return invitation is null ? new InvitationCheck(InvitationOutcome.NotValid) : new InvitationCheck(InvitationOutcome.Open, member!.DisplayName, invitation.Address);
    }

    /// <summary>
    /// The invited person accepts (the button on the link's page): the address becomes the member's contact, unless
    /// it holds a role elsewhere in the network, which only this answer, to the address's holder, says.
    /// </summary>
    public async Task<InvitationCheck> AcceptAsync(string? token, CancellationToken cancellationToken)
    {
        var (invitation, member) = await FindAsync(token, cancellationToken);
        if (invitation is null)
        {
            return new InvitationCheck(InvitationOutcome.NotValid);
        }

        if (!await people.AddInvitedContactAsync(member!.Id, invitation.Address, invitation.Admin, cancellationToken))
        {
            LogRefused(member.Id, invitation.PersonId);
            return new InvitationCheck(InvitationOutcome.AddressInUse, member.DisplayName, invitation.Address);
        }

        await store.DeleteInvitationAsync(member.Id, invitation.PersonId, cancellationToken);
        await store.AddAuditAsync(new PortalAuditEntry(time.GetUtcNow(), member.Id, invitation.Address,
            invitation.Admin ? "contact-joined-admin" : "contact-joined", TextCleaner.SingleLine($"{invitation.Address}, invited by {invitation.InvitedBy}", 200)), cancellationToken);
        return new InvitationCheck(InvitationOutcome.Joined, member.DisplayName, invitation.Address);
    }

    private async Task<(PortalInvitation? Invitation, Member? Member)> FindAsync(string? token, CancellationToken cancellationToken)
    {
        var parts = (token ?? string.Empty).Split('.');
        if (parts.Length != 3 || !MemberIds.IsValid(parts[0]) || !PersonIds.IsValid(parts[1]) || parts[2].Length is < 20 or > 100)
        {
            return (null, null);
        }

        var invitation = await store.GetInvitationAsync(parts[0], parts[1], cancellationToken);
        if (invitation is null || !invitation.IsOpen(time.GetUtcNow())
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(invitation.SecretHash), Encoding.ASCII.GetBytes(Hash(parts[2]))))
        {
            return (null, null);
        }

        return await members.GetAsync(parts[0], cancellationToken) is { } member ? (invitation, member) : (null, null);
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    [LoggerMessage(LogLevel.Information, "Invitation to {MemberId} mailed to person {PersonId}")]
    private partial void LogInvited(string memberId, string personId);

    [LoggerMessage(LogLevel.Information, "Invitation to {MemberId} not accepted for person {PersonId}: the address has a role elsewhere")]
    private partial void LogRefused(string memberId, string personId);
}
