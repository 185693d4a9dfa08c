using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Newsletter.Core.Health;

namespace Newsletter.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Registers the domain services. Storage and mail ports come from an infrastructure package.</summary>
    public static IServiceCollection AddNewsletterCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<HealthService>();
        services.TryAddSingleton<HeartbeatService>();
        return services;
    }
}
