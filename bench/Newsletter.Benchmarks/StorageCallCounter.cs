using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Newsletter.Benchmarks;

/// <summary>
/// Counts a storage client's requests by kind (method, and whether it is a transaction or a query), with the bytes
/// each way and the time to the answer, so a run can say how many calls its ledger made and what they carried.
/// </summary>
internal sealed class StorageCallCounter : HttpPipelinePolicy
{
    private readonly ConcurrentDictionary<string, Totals> _kinds = new(StringComparer.Ordinal);

    private sealed class Totals
    {
        public long Calls;
        public long BytesOut;
        public long BytesIn;
        public long Ticks;
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var started = Stopwatch.GetTimestamp();
        ProcessNext(message, pipeline);
        Record(message, started);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var started = Stopwatch.GetTimestamp();
        await ProcessNextAsync(message, pipeline);
        Record(message, started);
    }

    /// <summary>The totals since the last call, by kind, and clears them.</summary>
    public Dictionary<string, object> TakeTotals()
    {
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var key in _kinds.Keys.Order(StringComparer.Ordinal))
        {
            if (_kinds.TryRemove(key, out var t))
            {
                result[key] = new { calls = t.Calls, sentMB = Math.Round(t.BytesOut / 1048576.0, 1), receivedMB = Math.Round(t.BytesIn / 1048576.0, 1), answerSeconds = Math.Round(Stopwatch.GetElapsedTime(0, t.Ticks).TotalSeconds, 2) };
            }
        }

        return result;
    }

    private void Record(HttpMessage message, long started)
    {
        var uri = message.Request.Uri.ToString();
        var kind = message.Request.Method.ToString() + (uri.Contains("$batch", StringComparison.Ordinal) ? " transaction"
            : message.Request.Method == RequestMethod.Get && uri.Contains("$filter", StringComparison.Ordinal) ? " query" : string.Empty);
        var totals = _kinds.GetOrAdd(kind, _ => new Totals());
        Interlocked.Increment(ref totals.Calls);
        Interlocked.Add(ref totals.BytesOut, message.Request.Content is { } content && content.TryComputeLength(out var length) ? length : 0);
        Interlocked.Add(ref totals.BytesIn, message.Response.Headers.ContentLength ?? 0);
        Interlocked.Add(ref totals.Ticks, Stopwatch.GetTimestamp() - started);
    }
}
