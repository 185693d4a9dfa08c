using System.Globalization;
using Newsletter.Core.Editorial;
using Newsletter.Core.Members;
using Newsletter.Core.Releases;
using Newsletter.Core.Updates;

namespace Newsletter.Core.Media;

/// <summary>How giving an image its details ended: done (the update), or why not.</summary>
public enum ImageCompletionOutcome
{
    Done,
    UnknownUpdate,
    NoImage,
    Invalid,

    /// <summary>A member that is not auto-publish asked to change the image of an update editors already approved: refused.</summary>
    Approved,
}

public sealed record ImageCompletion(ImageCompletionOutcome Outcome, Update? Update = null, Rejection? Refusal = null);

/// <summary>
/// Who changes an image's details, named as the audit log and the update's history show them: an editor, or one of a
/// member's doors (a contact in the portal, its API key), acting for that member only.
/// </summary>
public sealed record ImageActor(string Name, string? MemberId, bool AutoPublish)
{
    public static ImageActor Editor(string name) => new(name, null, AutoPublish: true);

    public static ImageActor ForMember(string name, Member member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return new ImageActor(name, member.Id, member.AutoPublish);
    }

    public bool IsEditor => MemberId is null;
}

/// <summary>
/// Gives an update's image its caption, credit, licence and alt text: a candidate (an e-mail's picture) is shown from
/// then on; a complete image gets new details. Every change is recorded with who made it and the details before and
/// after, in the audit log and the update's history. A member that is not auto-publish changes them only until editors
/// approve the update: once published (or scheduled), its image is theirs to correct. A change of the details readers were
/// shown (a complete image of a public update) is a correction as the console's is: the update's page says "Corrected on",
/// and when an editor made it the member is mailed what changed.
/// </summary>
public sealed class ImageDetailsService(IUpdateStore updates, IAuditLog audit, TimeProvider time, IEnumerable<IReviewObserver>? observers = null)
{
    public const string AfterApprovalMessage = "ask the editors for a correction.";

    /// <summary>The image's new details by <paramref name="actor"/>; a member's actor finds only that member's update.</summary>
    public async Task<ImageCompletion> CompleteAsync(string updateId, ImageActor actor, string? caption, string? credit, string? licence, string? alt,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        for (var attempt = 0; ; attempt++)
        {
            var update = MediaLibrary.IsUpdateId(updateId) ? await updates.GetAsync(updateId, cancellationToken) : null;
            if (update is null || (!actor.IsEditor && update.MemberId != actor.MemberId) || update.Status is UpdateStatus.Withdrawn or UpdateStatus.Rejected)
            {
                return new ImageCompletion(ImageCompletionOutcome.UnknownUpdate);
            }

            if (update.Image is not { } image)
            {
                return new ImageCompletion(ImageCompletionOutcome.NoImage, update);
            }

            // Editors reviewed what readers see: a member without auto-publish cannot change it behind their back.
            if (!actor.AutoPublish && update.Status is UpdateStatus.Published or UpdateStatus.Scheduled)
            {
                return new ImageCompletion(ImageCompletionOutcome.Approved, update,
                    new Rejection("published", $"This update is {UpdateStatuses.Name(update.Status)}: {AfterApprovalMessage}"));
            }

            var (details, refusal) = ImageDetails.Check(caption, credit, licence, alt);
            if (refusal is not null)
            {
                return new ImageCompletion(ImageCompletionOutcome.Invalid, update, refusal);
            }

            var changes = Changes(image.Details, details!);
            if (changes.Count == 0)
            {
                return new ImageCompletion(ImageCompletionOutcome.Done, update);
            }

            var now = time.GetUtcNow();

            // Readers saw the old details: the new ones are a correction. A candidate completed shows an image for the first time.
            var correction = image.Details is not null && update.IsPublicAt(now);
            var status = UpdateStatuses.Name(update.Status);
            var what = string.Join("; ", changes.Select(c => $"{c.Field} \"{c.Before}\" → \"{c.After}\""));
            var completed = update with
            {
                Image = image with { Details = details },
                CorrectedAt = correction ? now : update.CorrectedAt,
                History = [.. update.History, new StatusChange(now, actor.Name, status, status, $"image details changed: {what}")],
            };
            try
            {
                await updates.SaveAsync(completed, cancellationToken);
            }
            catch (ConflictException) when (attempt < 3)
            {
                // Changed meanwhile (an editor, a lift): read again and decide again.
                continue;
            }

            // Named by the history entry it records: recording it again after a failure replaces it.
            var id = AuditEntry.IdFor(update.Id, AuditActions.UpdateImageChanged, completed.History.Count.ToString(CultureInfo.InvariantCulture));
            await audit.RecordAsync(new AuditEntry(id, now, actor.Name, AuditActions.UpdateImageChanged, update.Id,
                $"{(image.Details is null ? "Completed" : "Changed")} the image of \"{update.Title}\" ({string.Join(", ", changes.Select(c => c.Field))})", changes),
                cancellationToken);
            if (correction && actor.IsEditor)
            {
                foreach (var observer in observers ?? [])
                {
                    await observer.CorrectedAsync(completed, changes, id, cancellationToken);
                }
            }

            return new ImageCompletion(ImageCompletionOutcome.Done, completed);
        }
    }

    private static List<FieldChange> Changes(ImageDetails? before, ImageDetails after)
    {
        var changes = new List<FieldChange>();
        void Compare(string field, string? was, string now)
        {
            if (!string.Equals(was ?? string.Empty, now, StringComparison.Ordinal))
            {
                changes.Add(new FieldChange(field, was ?? string.Empty, now));
            }
        }

        Compare("image caption", before?.Caption, after.Caption);
        Compare("image credit", before?.Credit, after.Credit);
        Compare("image licence", before?.Licence, after.Licence);
        Compare("image alt text", before?.Alt, after.Alt);
        return changes;
    }
}
