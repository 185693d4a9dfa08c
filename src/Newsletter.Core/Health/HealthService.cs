using System.Reflection;

namespace Newsletter.Core.Health;

/// <summary>The answer of the health endpoint.</summary>
public sealed record HealthReport(string Status, StorageHealth Storage, string Version, DateTimeOffset CheckedAt, DateTimeOffset? LastHeartbeat)
{
    public bool Healthy => Storage.Healthy;
}

/// <summary>Builds the health report the operators and load balancers read.</summary>
public sealed class HealthService(IStorageHealthProbe probe, HeartbeatService heartbeat, TimeProvider time)
{
    public static string Version { get; } =
        typeof(HealthService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(HealthService).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        var storage = await probe.CheckAsync(cancellationToken);
        var lastBeat = storage.Tables.Healthy ? await heartbeat.LastAsync(cancellationToken) : null;
        return new HealthReport(storage.Healthy ? "healthy" : "unhealthy", storage, Version, time.GetUtcNow(), lastBeat);
    }
}
