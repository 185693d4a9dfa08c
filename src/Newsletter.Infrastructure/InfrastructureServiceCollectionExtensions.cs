using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Newsletter.Core.Health;
using Newsletter.Core.Members;
using Newsletter.Core.Releases;
using Newsletter.Core.Updates;
using Newsletter.Infrastructure.Storage;

namespace Newsletter.Infrastructure;

public static class InfrastructureServiceCollectionExtensions
{
    /// <summary>Registers the Azure Storage adapters behind the Core ports.</summary>
    public static IServiceCollection AddNewsletterInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(_ => StorageClients.FromConfiguration(configuration));
        services.TryAddSingleton<StorageProvisioner>();
        services.TryAddSingleton<IStorageHealthProbe, StorageHealthProbe>();
        services.TryAddSingleton<IHeartbeatStore, TableHeartbeatStore>();
        services.TryAddSingleton<IMemberStore, TableMemberStore>();
        services.TryAddSingleton<IReleaseLog, TableReleaseLog>();
        services.TryAddSingleton<IReleaseFiles, BlobReleaseFiles>();
        services.TryAddSingleton<IUpdateStore, TableUpdateStore>();
        return services;
    }
}
