namespace Newsletter.Core.Delivery;

/// <summary>What chunks come to, in recipients by state, and the chunks and unknown-outcome resends counted.</summary>
public sealed class ChunkCounts
{
    public int Chunks { get; private set; }
    public int Sent { get; private set; }
    public int Failed { get; private set; }
    public int Unknown { get; private set; }

    /// <summary>Recipients not yet in a final chunk: formed, in flight, unanswered, or still waiting in a remainder.</summary>
    public int Pending { get; private set; }

    /// <summary>Of <see cref="Pending"/>: recipients in chunks a dispatcher is sending (or was, until its lease ends).</summary>
    public int InFlight { get; private set; }

    /// <summary>Of <see cref="Pending"/>: recipients in chunks whose last request got no answer; the next delivery resends them.</summary>
    public int Unanswered { get; private set; }

    /// <summary>Resends made after an unknown outcome, in chunks (each may have doubled its chunk's mail).</summary>
    public int UnknownResends { get; private set; }

    public int Recipients => Sent + Failed + Unknown + Pending;

    /// <summary>Counts one chunk of <paramref name="count"/> recipients.</summary>
    public void Add(ChunkState state, int count, int unknownResends)
    {
        Chunks++;
        UnknownResends += unknownResends;
        switch (state)
        {
            case ChunkState.Sent: Sent += count; break;
            case ChunkState.Failed: Failed += count; break;
            case ChunkState.Unknown: Unknown += count; break;
            case ChunkState.InFlight: Pending += count; InFlight += count; break;
            case ChunkState.Unanswered: Pending += count; Unanswered += count; break;
            default: Pending += count; break;
        }
    }

    /// <summary>Counts recipients not in any chunk yet (remainder readers waiting for their merged chunk).</summary>
    public void AddWaiting(int count) => Pending += count;
}

/// <summary>What one bucket's (or merge's) dispatch did, in recipients (personalizations) and chunks.</summary>
public sealed record DispatchOutcome(DispatchWork Work, ChunkCounts Counts, int NoVariant)
{
    public static DispatchOutcome Nothing(DispatchWork work) => new(work, new ChunkCounts(), 0);

    public int Chunks => Counts.Chunks;
    public int Sent => Counts.Sent;
    public int Failed => Counts.Failed;
    public int Unknown => Counts.Unknown;
    public int Pending => Counts.Pending;
    public int UnknownResends => Counts.UnknownResends;
    public bool Complete => Pending == 0;

    /// <summary>Recipients (counted in <see cref="Pending"/>) in chunks another dispatcher is sending right now.</summary>
    public int Busy { get; init; }

    /// <summary>When the last of those chunks' leases runs out, if any.</summary>
    public DateTimeOffset? BusyUntil { get; init; }

    /// <summary>The most requests made for any of those chunks.</summary>
    public int BusyAttempts { get; init; }
}

/// <summary>An edition's dispatch as the ledger records it, in recipients; <see cref="UnknownResends"/> counts chunks.</summary>
public sealed record DispatchStatus(string EditionId, bool Started, ChunkCounts Counts)
{
    /// <summary>Reader buckets whose queue message was given up after its last attempt; empty when none.</summary>
    public IReadOnlyList<int> IncompleteBuckets { get; init; } = [];

    /// <summary>Variants whose merge message was given up after its last attempt; empty when none.</summary>
    public IReadOnlyList<string> IncompleteMerges { get; init; } = [];

    public bool Incomplete => IncompleteBuckets.Count > 0 || IncompleteMerges.Count > 0;

    /// <summary>Every reader bucket has formed its chunks: from then on nothing is added, and no pending means sent.</summary>
    public bool AllPlanned { get; init; }

    public int Chunks => Counts.Chunks;
    public int Sent => Counts.Sent;
    public int Failed => Counts.Failed;
    public int Unknown => Counts.Unknown;
    public int Pending => Counts.Pending;
    public int InFlight => Counts.InFlight;
    public int Unanswered => Counts.Unanswered;
    public int UnknownResends => Counts.UnknownResends;
    public int Recipients => Counts.Recipients;
}

/// <summary>Live counters a caller can watch while buckets are sent (the CLI's progress line).</summary>
public sealed class DispatchProgress
{
    private int _sent;
    private int _failed;
    private int _requests;

    public int Sent => Volatile.Read(ref _sent);
    public int Failed => Volatile.Read(ref _failed);
    public int Requests => Volatile.Read(ref _requests);

    internal void Add(int sent, int failed, bool requested)
    {
        Interlocked.Add(ref _sent, sent);
        Interlocked.Add(ref _failed, failed);
        if (requested)
        {
            Interlocked.Increment(ref _requests);
        }
    }
}

/// <summary>Some chunks of a bucket were not accepted this time; the queue message is retried and sends only those.</summary>
public sealed class DispatchIncompleteException(DispatchOutcome outcome)
    : Exception($"{outcome.Work}: {outcome.Pending} recipients in chunks not yet accepted; the message will be retried.")
{
    public DispatchOutcome Outcome { get; } = outcome;
}
