using System.Collections.Concurrent;
using Newsletter.Core.Editions;

namespace Newsletter.Core.Delivery;

/// <summary>
/// One message's sends: chunks are started while the caller goes on forming more, at most a bounded
/// number at once (the caller waits for a free slot), each variant's rendering is read once, and what
/// every chunk came to is counted, including chunks another dispatcher holds the lease of.
/// </summary>
public sealed class ChunkPass : IDisposable
{
    private readonly ChunkSender _sender;
    private readonly Edition _edition;
    private readonly DispatchProgress? _progress;
    private readonly SemaphoreSlim _slots;
    private readonly List<Task> _tasks = [];
    private readonly Renderings _renderings = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly ChunkCounts _counts = new();
    private int _busy, _busyAttempts;
    private DateTimeOffset? _busyUntil;

    internal ChunkPass(ChunkSender sender, Edition edition, DispatchProgress? progress, int maxConcurrent)
    {
        _sender = sender;
        _edition = edition;
        _progress = progress;
        _slots = new SemaphoreSlim(maxConcurrent, maxConcurrent);
    }

    /// <summary>Starts sending a chunk once a slot is free; what it comes to is counted.</summary>
    public async Task SendAsync(DispatchChunk chunk, IReadOnlyList<Recipient> recipients, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        _tasks.Add(RunAsync(chunk, recipients, cancellationToken));
        if (_tasks.Find(t => t.IsFaulted) is { } failed)
        {
            // A storage failure: stop forming chunks; the message is retried.
            await failed;
        }
    }

    private async Task RunAsync(DispatchChunk chunk, IReadOnlyList<Recipient> recipients, CancellationToken cancellationToken)
    {
        try
        {
            Count(await _sender.SendAsync(_edition, chunk, recipients, _renderings, _progress, cancellationToken));
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>Counts a chunk as it stands (a final one found in the ledger, or one a send came back with).</summary>
    public void Count(DispatchChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var count = chunk.ReaderIds.Count;
        var busyUntil = _sender.BusyUntil(chunk);
        lock (_gate)
        {
            if (busyUntil is { } until)
            {
                _busy += count;
                _busyAttempts = Math.Max(_busyAttempts, chunk.Attempts);
                _busyUntil = _busyUntil is { } other && other > until ? other : until;
            }

            _counts.Add(chunk.State, count, chunk.UnknownResends);
        }
    }

    /// <summary>Waits for every request started, whatever became of it, so none outlives the pass.</summary>
    public async Task DrainAsync()
    {
        try
        {
            await Task.WhenAll(_tasks);
        }
        catch (Exception) when (_tasks.TrueForAll(t => t.IsCompleted))
        {
            // Observed here; WhenAllAsync (or the exception already on its way) reports it.
        }
    }

    /// <summary>Throws what a send threw, once all are done.</summary>
    public Task WhenAllAsync() => Task.WhenAll(_tasks);

    public DispatchOutcome Outcome(DispatchWork work, int noVariant)
    {
        lock (_gate)
        {
            return new DispatchOutcome(work, _counts, noVariant) { Busy = _busy, BusyUntil = _busyUntil, BusyAttempts = _busyAttempts };
        }
    }

    public void Dispose() => _slots.Dispose();

    /// <summary>Each variant's rendering, read once per pass.</summary>
    internal sealed class Renderings(StringComparer comparer) : ConcurrentDictionary<string, Task<RenderedEdition?>>(comparer);
}
