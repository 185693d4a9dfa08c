namespace Newsletter.Core.Health;

/// <summary>Port: where the host's timer heartbeat is kept.</summary>
public interface IHeartbeatStore
{
    Task RecordAsync(string source, DateTimeOffset at, CancellationToken cancellationToken);

    Task<DateTimeOffset?> GetLastAsync(string source, CancellationToken cancellationToken);
}

/// <summary>
/// Records that the timer triggers fire. The health report shows the last beat, so an operator
/// can tell a host whose timers stopped from one that is merely idle.
/// </summary>
public sealed class HeartbeatService(IHeartbeatStore store, TimeProvider time)
{
    public const string TimerSource = "timer";

    public Task BeatAsync(CancellationToken cancellationToken) =>
        store.RecordAsync(TimerSource, time.GetUtcNow(), cancellationToken);

    public Task<DateTimeOffset?> LastAsync(CancellationToken cancellationToken) =>
        store.GetLastAsync(TimerSource, cancellationToken);
}
