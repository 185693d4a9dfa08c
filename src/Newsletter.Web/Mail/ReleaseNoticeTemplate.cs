using Microsoft.Extensions.DependencyInjection;
using Newsletter.Core.Access;
using Newsletter.Core.Portal;
using Newsletter.Core.Releases.Parsing;

namespace Newsletter.Web.Mail;

/// <summary>The release mails to members' contacts: HTML from <see cref="ReleaseNoticeMailBody"/>, and the plain-text twin.</summary>
public sealed class ReleaseNoticeTemplate(IServiceScopeFactory scopes) : IReleaseNoticeTemplate
{
    public async Task<RenderedMail> RenderAsync(ReleaseNoticeMail model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var html = await scopes.RenderAsync<ReleaseNoticeMailBody, ReleaseNoticeMail>(model);
        var lines = new List<string> { "Hello,", string.Empty, Sentence(model), string.Empty, model.Title, string.Empty };
        if (model.Reason is { } reason)
        {
            lines.AddRange([$"The reason: {reason}", string.Empty]);
        }

        if (model.PublicUrl is { } url)
        {
            lines.AddRange([$"Read it on the site: {url}", string.Empty]);
        }

        lines.AddRange([$"See the release in the member portal: {model.StatusUrl}", string.Empty,
            $"You get this mail as a contact of {model.MemberName}. Choose which release mails you get: {model.SettingsUrl}"]);

        // The subject is a header: the title goes in only as one clean line.
        var subject = $"{Headline(model)}: {TextCleaner.SingleLine(model.Title, 120)}";
        return new RenderedMail(TextCleaner.SingleLine(subject, 200), html, string.Join('\n', lines));
    }

    public static string Headline(ReleaseNoticeMail model) => model?.Kind switch
    {
        NoticeKind.Received => "Release received",
        NoticeKind.WaitingForReview => "Release waiting for review",
        NoticeKind.Scheduled => "Release approved and scheduled",
        NoticeKind.Published => "Release published",
        NoticeKind.Rejected => "Release not published",
        _ => "Release",
    };

    public static string Sentence(ReleaseNoticeMail model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Kind switch
        {
            NoticeKind.Received => $"{model.NetworkName} received this release from {model.MemberName} and is reading it now.",
            NoticeKind.WaitingForReview => $"This release is ready and waits for an editor of {model.NetworkName} to review it.",
            NoticeKind.Scheduled => $"An editor approved this release; it is published when its embargo lifts{(model.LiftsAt is { } at ? $" ({at:d MMM yyyy HH:mm} UTC)" : string.Empty)}.",
            NoticeKind.Published => $"This release is published on {model.NetworkName} and goes out with the next digest.",
            NoticeKind.Rejected => "This release was not published.",
            _ => string.Empty,
        };
    }
}
