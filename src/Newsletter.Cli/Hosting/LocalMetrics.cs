using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Newsletter.Core.Monitoring;

namespace Newsletter.Cli.Hosting;

/// <summary>
/// The local host's reader of <see cref="NewsletterMetrics"/>: the same meter the Function App exports to Azure Monitor,
/// totalled here and served at <c>GET /api/local/metrics</c> (counters and histograms as sums and counts, gauges as
/// their last value), so the numbers the alerts watch can be seen without Azure.
/// </summary>
public sealed class LocalMetrics : IDisposable
{
    public const string Route = "api/local/metrics";

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, Total> _totals = new(StringComparer.Ordinal);

    public LocalMetrics(IMeterFactory meters)
    {
        // Only this host's meter: tests run several hosts in one process, each with its own factory.
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == NewsletterMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>Every series seen so far, by <c>name{tag=value,...}</c>.</summary>
    public IReadOnlyDictionary<string, Total> Snapshot()
    {
        _listener.RecordObservableInstruments();
        return new SortedDictionary<string, Total>(_totals.ToDictionary(t => t.Key, t => t.Value with { }), StringComparer.Ordinal);
    }

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = Key(instrument.Name, tags);
        var gauge = instrument is ObservableGauge<long> or ObservableGauge<double>;
        _totals.AddOrUpdate(key,
            _ => new Total(1, value),
            (_, total) => gauge ? new Total(1, value) : new Total(total.Count + 1, total.Sum + value));
    }

    private static string Key(string name, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return name;
        }

        var parts = new List<string>(tags.Length);
        foreach (var tag in tags)
        {
            parts.Add(tag.Key + "=" + Convert.ToString(tag.Value, CultureInfo.InvariantCulture));
        }

        parts.Sort(StringComparer.Ordinal);
        return name + "{" + string.Join(',', parts) + "}";
    }

    /// <summary>How many measurements a series had and their sum (for a gauge: one, its last value).</summary>
    public sealed record Total(long Count, double Sum);
}

public static class LocalMetricsEndpoint
{
    public static IEndpointRouteBuilder MapLocalMetrics(this IEndpointRouteBuilder app)
    {
        app.MapGet(LocalMetrics.Route, (LocalMetrics metrics) => Results.Json(metrics.Snapshot()));
        return app;
    }
}
