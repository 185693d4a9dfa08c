using Microsoft.Extensions.DependencyInjection;
using Newsletter.Core.Access;
using Newsletter.Core.Editorial;
using Newsletter.Core.Embargoes;
using Newsletter.Core.Releases.Parsing;
using Newsletter.Web.Shared;

namespace Newsletter.Web.Mail;

/// <summary>The mail to editors about releases waiting for review: HTML from <see cref="ReviewWaitingMailBody"/>, and the plain-text twin.</summary>
public sealed class ReviewWaitingMailTemplate(IServiceScopeFactory scopes, NetworkClock clock) : IReviewWaitingMailTemplate
{
    public async Task<RenderedMail> RenderAsync(ReviewWaitingMail model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var html = await scopes.RenderAsync<ReviewWaitingMailBody, ReviewWaitingMail>(model);
        var lines = new List<string> { "Hello,", string.Empty, Sentence(model), string.Empty };
        lines.AddRange(model.New.Select(r => $"- {r.Title} ({r.Member}), received {clock.Describe(r.ReceivedAt)}"));
        if (More(model) is { } more)
        {
            lines.Add(more);
        }

        lines.AddRange([string.Empty, $"Review them in the console: {model.QueueUrl}", string.Empty,
            $"You get this mail as an editor, at most once an hour and only when something new waits. Turn it off: {model.SettingsUrl}"]);

        // The subject is a header: a count and fixed words only, nothing a member wrote.
        return new RenderedMail(TextCleaner.SingleLine(Headline(model), 200), html, string.Join('\n', lines));
    }

    public static string Headline(ReviewWaitingMail model) =>
        model?.Waiting == 1 ? "1 release waits for review" : $"{model?.Waiting} releases wait for review";

    public static string Sentence(ReviewWaitingMail model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Arrived >= model.Waiting
            ? $"{Words.Count(model.Waiting, "release")} {(model.Waiting == 1 ? "waits" : "wait")} for an editor of {model.NetworkName}:"
            : $"{Words.Count(model.Waiting, "release")} wait for an editor of {model.NetworkName}; {(model.Arrived == 1 ? "this one arrived" : $"these {model.Arrived} arrived")} since the last mail:";
    }

    /// <summary>"... and 3 more." when the mail names only the first <see cref="ReviewReminders.MaxListed"/> of those that arrived.</summary>
    public static string? More(ReviewWaitingMail model) =>
        model is not null && model.Arrived > model.New.Count ? $"... and {model.Arrived - model.New.Count} more." : null;
}
