using System.Globalization;
using Newsletter.Core.Editions;
using Newsletter.Core.Updates;

namespace Newsletter.Core.Editorial;

/// <summary>
/// What an archived edition's web page shows of its updates now: a withdrawn update is gone from it, a
/// corrected one shows its corrected text and when it was corrected. The mail that went out stays as it was.
/// </summary>
public sealed class PublishedCopies(IUpdateStore updates, TimeProvider time)
{
    public async Task<IReadOnlyList<EditionItem>> CurrentAsync(IReadOnlyList<EditionItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var now = time.GetUtcNow();
        var current = await Task.WhenAll(items.Select(async item => (Item: item, Update: await updates.GetAsync(item.UpdateId, cancellationToken))));
        return current
            .Where(c => c.Update is not null && c.Update.IsPublicAt(now))
            .Select(c => c.Update!.CorrectedAt is { } at
                ? c.Item with
                {
                    Title = c.Update.Title,
                    Organisation = c.Update.Organisation,
                    Summary = $"{c.Update.Summary} (Corrected on {at.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}.)",
                    Topics = c.Update.Topics,
                }
                : c.Item)
            .ToArray();
    }
}
