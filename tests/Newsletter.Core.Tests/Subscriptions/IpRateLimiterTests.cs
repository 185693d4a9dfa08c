using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Newsletter.Core.Subscriptions;

namespace Newsletter.Core.Tests.Subscriptions;

public class IpRateLimiterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    private IpRateLimiter Limiter(int limit = 3, int window = 60, int maxClients = 100_000) =>
        new(Options.Create(new SubscriptionOptions { IpRateLimit = limit, IpRateLimitWindowSeconds = window, IpRateLimitMaxClients = maxClients }), _time);

    [Fact]
    public void AllowsTheLimit_ThenRefusesWithTheTimeLeftInTheWindow()
    {
        var limiter = Limiter();
        for (var i = 0; i < 3; i++)
        {
            Assert.True(limiter.Acquire("198.51.100.1").Allowed);
        }

        _time.Advance(TimeSpan.FromSeconds(20));
        var refused = limiter.Acquire("198.51.100.1");

        Assert.False(refused.Allowed);
        Assert.Equal(TimeSpan.FromSeconds(40), refused.RetryAfter);
    }

    [Fact]
    public void NewWindow_AllowsAgain()
    {
        var limiter = Limiter(limit: 1);
        Assert.True(limiter.Acquire("198.51.100.1").Allowed);
        Assert.False(limiter.Acquire("198.51.100.1").Allowed);

        _time.Advance(TimeSpan.FromSeconds(60));

        Assert.True(limiter.Acquire("198.51.100.1").Allowed);
    }

    [Fact]
    public void EachClientHasItsOwnCount()
    {
        var limiter = Limiter(limit: 1);

        Assert.True(limiter.Acquire("198.51.100.1").Allowed);
        Assert.True(limiter.Acquire("198.51.100.2").Allowed);
        Assert.False(limiter.Acquire("198.51.100.1").Allowed);
    }

    [Fact]
    public void IPv6_IsCountedPerSlash64()
    {
        var limiter = Limiter(limit: 2);

        Assert.True(limiter.Acquire("2001:db8:1:2::1").Allowed);
        Assert.True(limiter.Acquire("2001:db8:1:2:ffff::9").Allowed);
        Assert.False(limiter.Acquire("2001:db8:1:2:abcd::1").Allowed);
        Assert.True(limiter.Acquire("2001:db8:1:3::1").Allowed);
    }

    [Fact]
    public void ManyDistinctClients_HoldAtMostTheBound_AndNewcomersShareOneCountUntilWindowsEnd()
    {
        var limiter = Limiter(limit: 3, maxClients: 100);

        for (var i = 0; i < 20_000; i++)
        {
            limiter.Acquire($"10.{i / 65536 % 256}.{i / 256 % 256}.{i % 256}");
        }

        Assert.InRange(limiter.TrackedClients, 1, 101);
        // Newcomers past the bound share the overflow count, which is spent by now.
        Assert.False(limiter.Acquire("198.51.100.77").Allowed);
        // A client counted before the flood keeps its own count.
        Assert.True(limiter.Acquire("10.0.0.0").Allowed);

        _time.Advance(TimeSpan.FromSeconds(61));
        Assert.True(limiter.Acquire("198.51.100.77").Allowed);
        Assert.InRange(limiter.TrackedClients, 1, 101);
    }

    [Theory]
    [InlineData("::ffff:198.51.100.1", "198.51.100.1")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("not an ip", "unknown")]
    [InlineData(null, "unknown")]
    public void ClientKey_IsTheAddressOrItsPrefix(string? ip, string expected)
    {
        Assert.Equal(expected, IpRateLimiter.ClientKey(ip));
    }
}
