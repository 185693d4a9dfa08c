using System.Globalization;
using Newsletter.Core.Editions;
using Newsletter.Core.Subscriptions;
using Newsletter.Core.Updates;

namespace Newsletter.Core.Tests.Delivery;

/// <summary>Editions and their renderings in memory, with the table store's rules: one edition per id, the latest delivery wins.</summary>
internal sealed class MemoryEditionStore : IEditionStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Edition> _editions = [];
    private readonly Dictionary<(string EditionId, string Attempt, string Variant), RenderedEdition> _renderings = [];

    public Task<bool> TryCreateAsync(Edition edition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edition);
        lock (_lock)
        {
            return Task.FromResult(_editions.TryAdd(edition.Id, edition));
        }
    }

    public Task<Edition?> GetAsync(string editionId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_editions.GetValueOrDefault(editionId));
        }
    }

    public Task<Edition?> LatestAsync(Frequency frequency, DateTimeOffset before, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_editions.Values.Where(e => e.Frequency == frequency && e.ScheduledFor < before).MaxBy(e => e.ScheduledFor));
        }
    }

    public Task<IReadOnlyList<Edition>> ListAsync(int max, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<Edition>>(_editions.Values.OrderByDescending(e => e.ScheduledFor).Take(max).ToArray());
        }
    }

    public Task SaveRenderingAsync(string editionId, string attempt, string variantKey, RenderedEdition rendering, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _renderings[(editionId, attempt, variantKey)] = rendering;
        }

        return Task.CompletedTask;
    }

    public Task RecordDeliveryAsync(string editionId, EditionDelivery delivery, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _editions[editionId] = _editions[editionId] with { Delivery = delivery };
        }

        return Task.CompletedTask;
    }

    public Task<bool> TryDecideAsync(string editionId, EditionApproval decision, EditionDecision by, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_editions.TryGetValue(editionId, out var edition) || edition.Approval != EditionApproval.Held)
            {
                return Task.FromResult(false);
            }

            _editions[editionId] = edition with { Approval = decision, Decision = by };
            return Task.FromResult(true);
        }
    }

    public Task<RenderedEdition?> GetRenderingAsync(string editionId, string variantKey, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_editions.TryGetValue(editionId, out var edition) ? _renderings.GetValueOrDefault((editionId, edition.Attempt, variantKey)) : null);
        }
    }
}

/// <summary>Updates in memory, with the table store's rules: an id is added once, a save of a stale copy is a conflict, lists come without bodies.</summary>
internal sealed class MemoryUpdateStore : IUpdateStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Update> _updates = [];
    private int _version;

    public Task<bool> TryAddAsync(Update update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        lock (_lock)
        {
            return Task.FromResult(_updates.TryAdd(update.Id, update with { Version = NextVersion() }));
        }
    }

    public Task<Update?> GetAsync(string updateId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_updates.GetValueOrDefault(updateId));
        }
    }

    public Task SaveAsync(Update update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        lock (_lock)
        {
            if (!_updates.TryGetValue(update.Id, out var stored) || stored.Version != update.Version)
            {
                throw new ConflictException($"Update '{update.Id}' changed meanwhile.");
            }

            _updates[update.Id] = update with { Version = NextVersion() };
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Update>> ListDueAsync(DateTimeOffset upTo, CancellationToken cancellationToken) =>
        List(u => u.Status == UpdateStatus.Scheduled && u.Embargo <= upTo);

    public Task<IReadOnlyList<Update>> ListPublishedAsync(DateTimeOffset after, DateTimeOffset upTo, CancellationToken cancellationToken) =>
        List(u => u.Status == UpdateStatus.Published && u.PublishedAt > after && u.PublishedAt <= upTo);

    public Task<IReadOnlyList<Update>> ListAsync(UpdateStatus? status, int max, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<Update>>(_updates.Values.Where(u => status is null || u.Status == status)
                .OrderByDescending(u => u.Status == UpdateStatus.Published ? u.PublishedAt ?? u.CreatedAt : u.CreatedAt).Take(max).ToArray());
        }
    }

    private Task<IReadOnlyList<Update>> List(Func<Update, bool> which)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<Update>>(_updates.Values.Where(which).Select(u => u with { BodyHtml = string.Empty, BodyText = string.Empty }).ToArray());
        }
    }

    private string NextVersion() => (++_version).ToString(CultureInfo.InvariantCulture);
}
