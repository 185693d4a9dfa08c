using System.Globalization;
using System.Runtime.CompilerServices;
using Newsletter.Core.Delivery;

namespace Newsletter.Core.Tests.Delivery;

/// <summary>
/// The dispatch ledger in memory, with the table ledger's rules: chunks keyed by (edition, bucket, number) and
/// listed in that order, inserts that refuse an existing chunk, updates conditional on the ETag (a state change
/// keeps the readers; a remainder is replaced whole), a bucket planned once, remainders merged or forgotten in place.
/// </summary>
internal sealed class MemoryDispatchLedger : IDispatchLedger
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<(string EditionId, int Bucket, int Number), DispatchChunk> _chunks = new(Comparer<(string EditionId, int Bucket, int Number)>.Create((a, b) =>
    {
        var order = string.CompareOrdinal(a.EditionId, b.EditionId);
        order = order != 0 ? order : a.Bucket.CompareTo(b.Bucket);
        return order != 0 ? order : a.Number.CompareTo(b.Number);
    }));

    private readonly HashSet<(string EditionId, DispatchStage Stage)> _stages = [];
    private readonly Dictionary<(string EditionId, int Bucket), int> _planned = [];
    private readonly HashSet<(string EditionId, DispatchWork Work)> _incomplete = [];
    private int _version;

    private string NextETag() => (++_version).ToString(CultureInfo.InvariantCulture);

    private static (string, int, int) KeyOf(DispatchChunk chunk) => (chunk.EditionId, chunk.Bucket, chunk.Number);

    public Task<DispatchMarks> MarksAsync(string editionId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var incomplete = _incomplete.Where(i => i.EditionId == editionId).Select(i => i.Work).ToArray();
            return Task.FromResult(new DispatchMarks(
                _stages.Contains((editionId, DispatchStage.Started)),
                _stages.Contains((editionId, DispatchStage.MergesStarted)),
                _planned.Where(p => p.Key.EditionId == editionId).ToDictionary(p => p.Key.Bucket, p => p.Value),
                incomplete.OfType<DispatchRequest>().Select(r => r.Bucket).Order().ToArray(),
                incomplete.OfType<MergeRequest>().Select(m => m.VariantKey).Order(StringComparer.Ordinal).ToArray()));
        }
    }

    public Task MarkAsync(string editionId, DispatchStage stage, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _stages.Add((editionId, stage));
        }

        return Task.CompletedTask;
    }

    public Task MarkPlannedAsync(string editionId, int bucket, int lastNumber, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_planned.TryAdd((editionId, bucket), lastNumber))
            {
                throw new ConflictException($"Bucket {bucket} of {editionId} was planned by another dispatcher.");
            }
        }

        return Task.CompletedTask;
    }

    public Task MarkIncompleteAsync(DispatchWork work, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        lock (_lock)
        {
            _incomplete.Add((work.EditionId, work));
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DispatchChunk>> ListAsync(string editionId, int bucket, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<DispatchChunk>>(_chunks.Values.Where(c => c.EditionId == editionId && c.Bucket == bucket).ToArray());
        }
    }

    public async IAsyncEnumerable<ChunkSummary> SummarizeEditionAsync(string editionId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        DispatchChunk[] chunks;
        lock (_lock)
        {
            chunks = _chunks.Values.Where(c => c.EditionId == editionId).ToArray();
        }

        foreach (var c in chunks)
        {
            await Task.Yield();
            yield return new ChunkSummary(c.Bucket, c.Number, c.VariantKey, c.Kind, c.State, c.ReaderIds.Count, c.UnknownResends);
        }
    }

    public async IAsyncEnumerable<DispatchChunk> ListRemaindersAsync(string editionId, string variantKey, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        DispatchChunk[] remainders;
        lock (_lock)
        {
            remainders = _chunks.Values.Where(c => c.EditionId == editionId && c.Kind == ChunkKind.Remainder && c.VariantKey == variantKey).ToArray();
        }

        foreach (var remainder in remainders)
        {
            await Task.Yield();
            yield return remainder;
        }
    }

    public Task<IReadOnlyList<DispatchChunk>> AddAsync(IReadOnlyList<DispatchChunk> chunks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        lock (_lock)
        {
            if (chunks.FirstOrDefault(c => _chunks.ContainsKey(KeyOf(c))) is { } taken)
            {
                throw new ConflictException($"Chunks of {taken.EditionId} bucket {taken.Bucket} were formed by another dispatcher.");
            }

            var added = chunks.Select(c => c with { Error = Truncate(c.Error), ETag = NextETag() }).ToArray();
            foreach (var chunk in added)
            {
                _chunks[KeyOf(chunk)] = chunk;
            }

            return Task.FromResult<IReadOnlyList<DispatchChunk>>(added);
        }
    }

    public Task MarkMergedAsync(string editionId, string variantKey, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            foreach (var remainder in _chunks.Values.Where(c => c.EditionId == editionId && c.Kind == ChunkKind.Remainder
                && c.VariantKey == variantKey && c.State != ChunkState.Merged).ToArray())
            {
                _chunks[KeyOf(remainder)] = remainder with { State = ChunkState.Merged, UpdatedAt = at, Recipients = [], ETag = NextETag() };
            }
        }

        return Task.CompletedTask;
    }

    public Task<int> ForgetRecipientAsync(string readerId, int bucket, CancellationToken cancellationToken) =>
        RewriteRemainders(c => c.Bucket == bucket, chunk =>
        {
            var at = chunk.ReaderIds.ToList().IndexOf(readerId);
            if (at < 0 || at >= chunk.Recipients.Count || chunk.Recipients[at].Address.Length == 0)
            {
                return null;
            }

            var recipients = chunk.Recipients.ToArray();
            recipients[at] = new Recipient(readerId, string.Empty, null);
            return recipients;
        });

    public Task<int> ExpireRecipientsAsync(DateTimeOffset formedBefore, CancellationToken cancellationToken) =>
        RewriteRemainders(c => c.UpdatedAt is { } formed && formed < formedBefore, chunk => chunk.Recipients.Count == 0 ? null : []);

    private Task<int> RewriteRemainders(Func<DispatchChunk, bool> which, Func<DispatchChunk, IReadOnlyList<Recipient>?> change)
    {
        var changed = 0;
        lock (_lock)
        {
            foreach (var chunk in _chunks.Values.Where(c => c.Kind == ChunkKind.Remainder && c.State == ChunkState.Formed && which(c)).ToArray())
            {
                if (change(chunk) is { } recipients)
                {
                    _chunks[KeyOf(chunk)] = chunk with { Recipients = recipients, ETag = NextETag() };
                    changed++;
                }
            }
        }

        return Task.FromResult(changed);
    }

    public Task<DispatchChunk?> TryUpdateAsync(DispatchChunk chunk, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var etag = chunk.ETag ?? throw new ArgumentException("A chunk is updated only as read, with its ETag.", nameof(chunk));
        lock (_lock)
        {
            if (!_chunks.TryGetValue(KeyOf(chunk), out var stored) || stored.ETag != etag)
            {
                return Task.FromResult<DispatchChunk?>(null);
            }

            // As the table ledger: a state change keeps the readers formed with the chunk; a remainder is replaced whole.
            var updated = chunk.Kind == ChunkKind.Remainder
                ? chunk with { Error = Truncate(chunk.Error), ETag = NextETag() }
                : stored with
                {
                    State = chunk.State,
                    Attempts = chunk.Attempts,
                    UnknownResends = chunk.UnknownResends,
                    Error = Truncate(chunk.Error),
                    UpdatedAt = chunk.UpdatedAt,
                    ETag = NextETag(),
                };
            _chunks[KeyOf(chunk)] = updated;
            return Task.FromResult<DispatchChunk?>(chunk with { ETag = updated.ETag });
        }
    }

    private static string? Truncate(string? error) => error is { Length: > 1000 } e ? e[..1000] : error is { Length: 0 } ? null : error;
}
