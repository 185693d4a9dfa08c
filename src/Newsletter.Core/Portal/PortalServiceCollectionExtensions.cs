using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Newsletter.Core.Updates;

namespace Newsletter.Core.Portal;

public static class PortalServiceCollectionExtensions
{
    /// <summary>The member portal's services; its store and mail template come from Infrastructure and Web.</summary>
    public static IServiceCollection AddPortalCore(this IServiceCollection services)
    {
        services.TryAddSingleton<ReleaseNotices>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReviewObserver, ReleaseNotices>(sp => sp.GetRequiredService<ReleaseNotices>()));
        services.TryAddSingleton<PortalSubmissions>();
        services.TryAddSingleton<DraftImages>();
        services.TryAddSingleton<PortalReleases>();
        services.TryAddSingleton<ChangeRequests>();
        services.TryAddSingleton<PortalInvitations>();
        services.TryAddSingleton<PortalAccount>();
        return services;
    }
}
