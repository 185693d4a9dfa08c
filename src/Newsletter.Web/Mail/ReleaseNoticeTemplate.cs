using Microsoft.Extensions.DependencyInjection;
using Newsletter.Core.Access;
using Newsletter.Core.Editorial;
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

        // The text part is plain: every value from the release or a person is one line, so none can forge a line of its own.
        var lines = new List<string> { "Hello,", string.Empty, Plain(Sentence(model)), string.Empty, Plain(model.Title), string.Empty };
        if (model.Reason is { } reason)
        {
            lines.AddRange([$"{ReasonLabel(model)} {Plain(reason)}", string.Empty]);
        }

        if (model.ReasonCode is { } code)
        {
            lines.AddRange([$"Rejection code: {Plain(code)} (the code the upload API answers; the portal's help page lists them all)", string.Empty]);
        }

        if (model.Changes.Count > 0)
        {
            lines.Add(ChangesHeading(model));
            lines.AddRange(model.Changes.Select(c => $"- {FieldName(c.Field)}: \"{Plain(c.Before)}\" -> \"{Plain(c.After)}\""));
            lines.Add(string.Empty);
        }

        if (model.PublicUrl is { } url)
        {
            lines.AddRange([$"Read it on the site: {url}", string.Empty]);
        }

        lines.AddRange([$"See the release in the member portal: {model.StatusUrl}", string.Empty,
            $"You get this mail as a contact of {Plain(model.MemberName)}. Choose which release mails you get: {model.SettingsUrl}"]);

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
        NoticeKind.Withdrawn => "Release withdrawn",
        NoticeKind.Corrected => "Release corrected",
        _ => "Release",
    };

    public static string Sentence(ReleaseNoticeMail model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Kind switch
        {
            NoticeKind.Received => $"{model.NetworkName} received this release from {model.MemberName} and is reading it now.",
            NoticeKind.WaitingForReview => $"This release is ready and waits for an editor of {model.NetworkName} to review it.",
            NoticeKind.Scheduled => model.LiftTime is { } at
                ? $"An editor approved this release; it is published when its embargo lifts, on {at}."
                : "An editor approved this release; it is published when its embargo lifts.",
            NoticeKind.Published => $"This release is published on {model.NetworkName} and goes out with the next digest.",
            NoticeKind.Rejected => "This release was not published.",
            NoticeKind.Withdrawn => $"An editor of {model.NetworkName} withdrew this release: it is not shown on the site, in the feed or in the archive.",
            NoticeKind.Corrected => $"An editor of {model.NetworkName} corrected this published release: its page and the archived editions show the corrected text.",
            _ => string.Empty,
        };
    }

    /// <summary>What the reason is called: the editor's note for a withdrawal or correction, else the reason.</summary>
    public static string ReasonLabel(ReleaseNoticeMail model) =>
        model?.Kind is NoticeKind.Withdrawn or NoticeKind.Corrected ? "The editor's note:" : "The reason:";

    public static string ChangesHeading(ReleaseNoticeMail model) =>
        model?.Kind == NoticeKind.Corrected ? "The editor changed:" : "Before publishing it, an editor changed:";

    /// <summary>The field's name as the portal's form names it.</summary>
    public static string FieldName(string field) => field switch
    {
        "title" => "Title",
        "summary" => "Summary",
        "organisation" => "Organisation",
        "topics" => "Topics",
        "image caption" => "Image caption",
        "image credit" => "Image credit",
        "image licence" => "Image licence",
        "image alt text" => "Image alt text",
        _ => TextCleaner.SingleLine(field, 40),
    };

    private static string Plain(string value) => TextCleaner.SingleLine(value, 4000);
}
