using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Newsletter.Core.Access;
using Newsletter.Core.Portal;
using Newsletter.Core.Releases.Parsing;

namespace Newsletter.Web.Mail;

/// <summary>The mail to editors about a member's change request: HTML from <see cref="ChangeRequestMailBody"/>, and the plain-text twin.</summary>
public sealed class ChangeRequestMailTemplate(IServiceScopeFactory scopes) : IChangeRequestMailTemplate
{
    public async Task<RenderedMail> RenderAsync(ChangeRequestMail model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var html = await scopes.RenderAsync<ChangeRequestMailBody, ChangeRequestMail>(model);
        var text = string.Join('\n', "Hello,", string.Empty, Sentence(model), string.Empty, model.Title, string.Empty,
            "What should change, and why:", model.Text, string.Empty, $"Answer it in the console: {model.ConsoleUrl}", string.Empty,
            "You get this mail as an editor: correcting or withdrawing the update answers the request.");

        // The subject is a header: only the update's title goes in, as one clean line; nothing of the request's text.
        var subject = $"{Headline(model)}: {TextCleaner.SingleLine(model.Title, 120)}";
        return new RenderedMail(TextCleaner.SingleLine(subject, 200), html, text);
    }

    public static string Headline(ChangeRequestMail model) =>
        model?.Kind == ChangeRequestKind.Withdrawal ? "Withdrawal requested" : "Correction requested";

    public static string Sentence(ChangeRequestMail model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return $"{model.Address} of {model.MemberName} asks for a {ChangeRequests.Name(model.Kind)} of this published update ({model.At.ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture)} UTC).";
    }
}
