namespace Newsletter.Core.Updates;

/// <summary>
/// The updates the public may see, for every public surface (home, update pages, feed): the one rule
/// <see cref="Update.IsPublicAt"/> applied in one place. An update that is not public is answered exactly
/// like one that does not exist.
/// </summary>
public sealed class PublicUpdates(IUpdateStore updates, TimeProvider time)
{
    /// <summary>The update if the public may see it now; null for an unknown, embargoed, pending or withdrawn one alike.</summary>
    public async Task<Update?> GetAsync(string updateId, CancellationToken cancellationToken) =>
        await updates.GetAsync(updateId, cancellationToken) is { } update && update.IsPublicAt(time.GetUtcNow()) ? update : null;

    /// <summary>The latest public updates, newest publication first.</summary>
    public async Task<IReadOnlyList<Update>> LatestAsync(int max, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var published = await updates.ListAsync(UpdateStatus.Published, max, cancellationToken);
        return published.Where(u => u.IsPublicAt(now)).OrderByDescending(u => u.PublishedAt).ToArray();
    }

    /// <summary>
    /// The update if it was public and an editor then withdrew it: its page says so (410) rather than pretend it
    /// never existed. One withdrawn before it was ever published is answered like an unknown id (null).
    /// </summary>
    public async Task<Update?> WithdrawnAsync(string updateId, CancellationToken cancellationToken) =>
        await updates.GetAsync(updateId, cancellationToken) is { Status: UpdateStatus.Withdrawn, PublishedAt: not null } update
        && update.History.Any(h => h.From == UpdateStatuses.Name(UpdateStatus.Published) && h.To == UpdateStatuses.Name(UpdateStatus.Withdrawn))
            ? update
            : null;
}
