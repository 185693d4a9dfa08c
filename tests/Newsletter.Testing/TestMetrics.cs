using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Newsletter.Core.Monitoring;

namespace Newsletter.Testing;

/// <summary>A <see cref="NewsletterMetrics"/> on a meter factory of its own, for services a test builds by hand.</summary>
public static class TestMetrics
{
    private static readonly IMeterFactory Meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    public static NewsletterMetrics Create() => new(Meters);
}
