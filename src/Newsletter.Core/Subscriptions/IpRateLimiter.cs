using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Newsletter.Core.Subscriptions;

/// <summary>The answer of a rate limiter: allowed, or how long to wait.</summary>
public readonly record struct RateDecision(bool Allowed, TimeSpan RetryAfter);

/// <summary>
/// A fixed-window counter per client: <c>IpRateLimit</c> posts per <c>IpRateLimitWindowSeconds</c>.
/// IPv6 clients are counted per /64, since one host usually holds a whole /64. Counters live in this
/// process: with several instances each counts on its own, which still bounds a single client. Memory is
/// bounded too: at most <c>IpRateLimitMaxClients</c> counters; when that many clients are counted at once
/// (a flood from many addresses), newcomers share one counter until windows end and free their places.
/// </summary>
public sealed class IpRateLimiter(IOptions<SubscriptionOptions> options, TimeProvider time)
{
    private const string Overflow = "overflow";
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly Lock _sweepGate = new();
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;

    /// <summary>How many client counters are held now.</summary>
    public int TrackedClients => _windows.Count;

    public RateDecision Acquire(string? clientIp)
    {
        var limit = options.Value.IpRateLimit;
        var length = TimeSpan.FromSeconds(options.Value.IpRateLimitWindowSeconds);
        var now = time.GetUtcNow();
        var key = ClientKey(clientIp);
        if (!_windows.TryGetValue(key, out var window))
        {
            if (_windows.Count >= options.Value.IpRateLimitMaxClients)
            {
                Sweep(now, length);
            }

            // The check and the add race, so the count can pass the bound by the number of threads at most.
            window = _windows.Count < options.Value.IpRateLimitMaxClients
                ? _windows.GetOrAdd(key, _ => new Window(now))
                : _windows.GetOrAdd(Overflow, _ => new Window(now));
        }

        lock (window)
        {
            if (now - window.Start >= length)
            {
                window.Start = now;
                window.Count = 0;
            }

            if (window.Count >= limit)
            {
                var wait = window.Start + length - now;
                return new RateDecision(false, wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait);
            }

            window.Count++;
            return new RateDecision(true, TimeSpan.Zero);
        }
    }

    /// <summary>The counting key: the IPv4 address, or the /64 prefix of an IPv6 address.</summary>
    public static string ClientKey(string? clientIp)
    {
        if (!IPAddress.TryParse(clientIp?.Trim(), out var ip))
        {
            return "unknown";
        }

        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }

        if (ip.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = ip.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }

        return ip.ToString();
    }

    /// <summary>Drops ended windows; at most once a second, so a full table does not cost a scan per post.</summary>
    private void Sweep(DateTimeOffset now, TimeSpan length)
    {
        lock (_sweepGate)
        {
            if (now - _lastSweep < TimeSpan.FromSeconds(1))
            {
                return;
            }

            _lastSweep = now;
        }

        foreach (var (key, window) in _windows)
        {
            if (now - window.Start >= length)
            {
                _windows.TryRemove(key, out _);
            }
        }
    }

    private sealed class Window(DateTimeOffset start)
    {
        public DateTimeOffset Start { get; set; } = start;
        public int Count { get; set; }
    }
}
