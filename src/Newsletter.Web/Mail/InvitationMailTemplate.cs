using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Newsletter.Core.Access;
using Newsletter.Core.Portal;
using Newsletter.Core.Releases.Parsing;

namespace Newsletter.Web.Mail;

/// <summary>The mail inviting an address to become a member's contact: HTML from <see cref="InvitationMailBody"/>, and the plain-text twin.</summary>
public sealed class InvitationMailTemplate(IServiceScopeFactory scopes) : IInvitationMailTemplate
{
    public async Task<RenderedMail> RenderAsync(InvitationMail model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var html = await scopes.RenderAsync<InvitationMailBody, InvitationMail>(model);
        var text = string.Join('\n', "Hello,", string.Empty, Sentence(model), string.Empty, $"Accept the invitation: {model.AcceptUrl}", string.Empty,
            Expiry(model), "If you did not expect this mail, ignore it: nothing changes unless you accept.");

        // The subject is a header: the member's name goes in only as one clean line.
        return new RenderedMail(TextCleaner.SingleLine($"Invitation to the {model.NetworkName} portal for {model.MemberName}", 200), html, text);
    }

    public static string Sentence(InvitationMail model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return $"You are invited to submit press releases for {model.MemberName} to {model.NetworkName} in its member portal, as {(model.Admin ? "a contact and administrator" : "a contact")}, with this address ({model.Address}).";
    }

    public static string Expiry(InvitationMail model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return $"The link works until {model.ExpiresAt.UtcDateTime.ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture)} UTC.";
    }
}
