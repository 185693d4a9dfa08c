using Microsoft.Extensions.Time.Testing;
using Newsletter.Core.Health;

namespace Newsletter.Core.Tests;

public class HealthServiceTests
{
    private sealed class FixedProbe(StorageHealth health) : IStorageHealthProbe
    {
        public Task<StorageHealth> CheckAsync(CancellationToken cancellationToken) => Task.FromResult(health);
    }

    private sealed class MemoryHeartbeats : IHeartbeatStore
    {
        private readonly Dictionary<string, DateTimeOffset> _beats = [];

        public Task RecordAsync(string source, DateTimeOffset at, CancellationToken cancellationToken)
        {
            _beats[source] = at;
            return Task.CompletedTask;
        }

        public Task<DateTimeOffset?> GetLastAsync(string source, CancellationToken cancellationToken) =>
            Task.FromResult(_beats.TryGetValue(source, out var at) ? at : (DateTimeOffset?)null);
    }

    [Fact]
    public async Task Report_IsUnhealthy_WhenAnyStorageServiceFails()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 7, 0, 0, TimeSpan.Zero));
        var storage = new StorageHealth(ServiceHealth.Ok, ServiceHealth.Failed(HealthReasons.Missing("queue", "mail")), ServiceHealth.Ok);
        var service = new HealthService(new FixedProbe(storage), new HeartbeatService(new MemoryHeartbeats(), time), time);

        var report = await service.CheckAsync(CancellationToken.None);

        Assert.Equal("unhealthy", report.Status);
        Assert.False(report.Healthy);
        Assert.Equal("missing:queue:mail", report.Storage.Queues.Reason);
        Assert.Equal(time.GetUtcNow(), report.CheckedAt);
    }

    [Fact]
    public async Task Report_ShowsTheLastHeartbeat()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 7, 0, 0, TimeSpan.Zero));
        var heartbeat = new HeartbeatService(new MemoryHeartbeats(), time);
        var healthy = new StorageHealth(ServiceHealth.Ok, ServiceHealth.Ok, ServiceHealth.Ok);
        var service = new HealthService(new FixedProbe(healthy), heartbeat, time);

        await heartbeat.BeatAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(3));
        var report = await service.CheckAsync(CancellationToken.None);

        Assert.Equal("healthy", report.Status);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 7, 0, 0, TimeSpan.Zero), report.LastHeartbeat);
    }
}
