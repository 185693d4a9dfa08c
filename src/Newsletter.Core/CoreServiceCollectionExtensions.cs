using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Newsletter.Core.Access;
using Newsletter.Core.Delivery;
using Newsletter.Core.Editions;
using Newsletter.Core.Embargoes;
using Newsletter.Core.Health;
using Newsletter.Core.Members;
using Newsletter.Core.Monitoring;
using Newsletter.Core.Portal;
using Newsletter.Core.Releases;
using Newsletter.Core.Subscriptions;
using Newsletter.Core.Updates;

namespace Newsletter.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the domain services. Storage and mail ports, and the binding of the options classes
    /// to configuration, come from an infrastructure package.
    /// </summary>
    public static IServiceCollection AddNewsletterCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<NewsletterMetrics>();
        services.TryAddSingleton<PoisonQueueMonitor>();
        services.TryAddSingleton<HealthService>();
        services.TryAddSingleton<HeartbeatService>();
        services.TryAddSingleton<MemberService>();
        services.TryAddSingleton<Media.MediaLibrary>();
        services.TryAddSingleton<Media.ImageDetailsService>();
        services.TryAddSingleton<ReleaseIngestion>();
        services.TryAddSingleton<ReleaseSubmission>();
        services.TryAddSingleton<ReleaseImport>();
        services.TryAddSingleton<ReviewService>();
        services.TryAddSingleton<EmbargoService>();
        services.TryAddSingleton<PublicUpdates>();
        services.TryAddSingleton<NetworkClock>();
        services.TryAddSingleton<Editorial.EditorialService>();
        services.TryAddSingleton<Editorial.ReviewDesk>();
        services.TryAddSingleton<Editorial.PublishedCopies>();
        services.TryAddSingleton<Editorial.EditionDesk>();
        services.TryAddSingleton<Editorial.DeliveryDesk>();
        services.TryAddSingleton<Editorial.ReaderDesk>();
        services.TryAddSingleton<Subscriptions.Transfer.ReaderCsvImport>();
        services.TryAddSingleton<Subscriptions.Transfer.ReaderCsvExport>();
        services.TryAddSingleton<Subscriptions.Transfer.ReaderImportService>();
        services.TryAddSingleton<Editorial.HeldEditions>();
        services.TryAddSingleton<Editorial.ReviewReminders>();
        services.TryAddSingleton<Editorial.MemberDesk>();
        services.TryAddSingleton<TokenService>();
        services.TryAddSingleton<ReaderIdentity>();
        services.TryAddSingleton<IpRateLimiter>();
        services.TryAddSingleton<Links>();
        services.TryAddSingleton<ReaderLinks>();
        services.TryAddSingleton<ReaderUpdates>();
        services.TryAddSingleton<SignupService>();
        services.TryAddSingleton<ConfirmationService>();
        services.TryAddSingleton<PreferencesService>();
        services.TryAddSingleton<UnsubscribeService>();
        services.TryAddSingleton<DataRightsService>();
        services.TryAddSingleton<LinkCheck>();
        services.TryAddSingleton<SubscriptionMailer>();
        services.TryAddSingleton<EditionTemplates>();
        services.TryAddSingleton<EditionRenderer>();
        services.TryAddSingleton<EditionComposer>();
        services.TryAddSingleton<EditionTestSender>();
        services.TryAddSingleton<DigestMessageFactory>();
        services.TryAddSingleton<ChunkSender>();
        services.TryAddSingleton<BucketPlanner>();
        services.TryAddSingleton<RemainderMerger>();
        services.TryAddSingleton<DispatchStatusReport>();
        services.TryAddSingleton<EditionArchive>();
        services.TryAddSingleton<EditionDispatcher>();
        services.TryAddSingleton<ScheduledDigest>();
        services.TryAddSingleton<EventWebhook>();
        services.TryAddSingleton<PersonIds>();
        services.TryAddSingleton<PeopleService>();
        services.TryAddSingleton<SessionService>();
        services.TryAddSingleton<SignInLimiter>();
        services.TryAddSingleton<AccessLinks>();
        services.TryAddSingleton<SignInService>();
        services.AddPortalCore();
        return services;
    }
}
