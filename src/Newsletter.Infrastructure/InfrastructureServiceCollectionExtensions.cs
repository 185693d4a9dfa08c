using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Newsletter.Core;
using Newsletter.Core.Access;
using Newsletter.Core.Delivery;
using Newsletter.Core.Editions;
using Newsletter.Core.Health;
using Newsletter.Core.Mail;
using Newsletter.Core.Members;
using Newsletter.Core.Monitoring;
using Newsletter.Core.Releases;
using Newsletter.Core.Subscriptions;
using Newsletter.Core.Updates;
using Newsletter.Infrastructure.Access;
using Newsletter.Infrastructure.Delivery;
using Newsletter.Infrastructure.Editions;
using Newsletter.Infrastructure.Mail;
using Newsletter.Infrastructure.Storage;
using Newsletter.Infrastructure.Subscriptions;

namespace Newsletter.Infrastructure;

public static class InfrastructureServiceCollectionExtensions
{
    /// <summary>Binds the options classes to configuration and registers the adapters behind the Core ports.</summary>
    public static IServiceCollection AddNewsletterInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddNewsletterOptions<AppOptions>(AppOptions.SectionName);
        services.AddNewsletterOptions<BrandingOptions>(BrandingOptions.SectionName);
        services.AddNewsletterOptions<SubscriptionOptions>(SubscriptionOptions.SectionName);
        services.AddNewsletterOptions<TokenOptions>(TokenOptions.SectionName);
        services.AddNewsletterOptions<MailOptions>(MailOptions.SectionName);
        services.AddNewsletterOptions<IngestionOptions>(IngestionOptions.SectionName);
        services.AddNewsletterOptions<Core.Portal.PortalOptions>(Core.Portal.PortalOptions.SectionName);
        services.AddNewsletterOptions<DigestOptions>(DigestOptions.SectionName);
        services.AddNewsletterOptions<DeliveryOptions>(DeliveryOptions.SectionName);
        services.AddNewsletterOptions<SendGridOptions>(SendGridOptions.SectionName);
        // A chunk in flight is taken over after its lease, so the lease must outlast the longest send:
        // every attempt's timeout plus a wait of at most a minute before each retry.
        services.AddOptions<DeliveryOptions>().Validate<IOptions<MailOptions>, IOptions<SendGridOptions>>(
            (delivery, mail, sendGrid) => mail.Value.Transport != "SendGrid"
                || delivery.InFlightLeaseSeconds > sendGrid.Value.MaxAttempts * (sendGrid.Value.TimeoutSeconds + 60),
            "Delivery:InFlightLeaseSeconds must be longer than the longest SendGrid send: SendGrid:MaxAttempts × (SendGrid:TimeoutSeconds + 60 s).");
        services.AddOptions<SendGridOptions>().Validate<IOptions<MailOptions>>(
            (sendGrid, mail) => mail.Value.Transport != "SendGrid" || !string.IsNullOrWhiteSpace(sendGrid.ApiKey),
            "SendGrid:ApiKey is required when Mail:Transport is SendGrid.");
        services.AddNewsletterOptions<SmtpOptions>(SmtpOptions.SectionName);
        services.AddOptions<SmtpOptions>()
            .Validate<IOptions<MailOptions>>(
                (smtp, mail) => mail.Value.Transport != "Smtp" || !string.IsNullOrWhiteSpace(smtp.Host),
                "Smtp:Host is required when Mail:Transport is Smtp.")
            .Validate<IOptions<MailOptions>>(
                (smtp, mail) => mail.Value.Transport != "Smtp" || string.IsNullOrEmpty(smtp.UserName) || !string.IsNullOrEmpty(smtp.Password),
                "Smtp:Password is required when Smtp:UserName is set.");
        services.AddNewsletterOptions<EventWebhookOptions>(EventWebhookOptions.SectionName);
        services.AddNewsletterOptions<SignInOptions>(SignInOptions.SectionName);

        services.TryAddSingleton(_ => StorageClients.FromConfiguration(configuration));
        services.TryAddSingleton<StorageProvisioner>();
        services.TryAddSingleton<IStorageHealthProbe, StorageHealthProbe>();
        services.TryAddSingleton<IPoisonQueues, StoragePoisonQueues>();
        services.TryAddSingleton<IHeartbeatStore, TableHeartbeatStore>();
        services.TryAddSingleton<IMemberStore, TableMemberStore>();
        services.TryAddSingleton<IReleaseLog, TableReleaseLog>();
        services.TryAddSingleton<IReleaseFiles, BlobReleaseFiles>();
        services.TryAddSingleton<IReleaseOriginals, BlobReleaseOriginals>();
        services.TryAddSingleton<Core.Editorial.IAuditLog, Editorial.TableAuditLog>();
        services.TryAddSingleton<Core.Editorial.IReviewReminderStore, Editorial.TableReviewReminderStore>();
        services.TryAddSingleton<IUpdateStore, TableUpdateStore>();
        services.TryAddSingleton<Core.Media.IMediaStore, Media.BlobMediaStore>();
        services.TryAddSingleton<IEditionStore, TableEditionStore>();
        services.TryAddSingleton<ITemplateStore, BlobTemplateStore>();
        services.TryAddSingleton<IReaderStore, TableReaderStore>();
        services.TryAddSingleton<ISignupPublisher, QueueSignupPublisher>();
        services.TryAddSingleton<IMailJobPublisher, QueueMailJobPublisher>();
        services.TryAddSingleton<IReaderCopies, StoredReaderCopies>();
        services.TryAddSingleton<OutboxMailSender>();
        services.TryAddSingleton<OutboxBulkMailSender>();
        services.TryAddSingleton<SendGridBulkMailSender>();
        services.AddSendGridHttpClient();
        services.TryAddSingleton<SendGridMailSender>();
        services.TryAddSingleton<SmtpConnector>();
        services.TryAddSingleton<SmtpMailSender>();
        services.TryAddSingleton<SmtpBulkMailSender>();
        // Mail goes through the transport Mail:Transport names.
        services.TryAddSingleton<IMailSender>(sp => sp.GetRequiredService<IOptions<MailOptions>>().Value.Transport switch
        {
            "SendGrid" => sp.GetRequiredService<SendGridMailSender>(),
            "Smtp" => sp.GetRequiredService<SmtpMailSender>(),
            _ => sp.GetRequiredService<OutboxMailSender>(),
        });
        services.TryAddSingleton<IBulkMailSender>(sp => new MeteredBulkMailSender(
            sp.GetRequiredService<IOptions<MailOptions>>().Value.Transport switch
            {
                "SendGrid" => sp.GetRequiredService<SendGridBulkMailSender>(),
                "Smtp" => sp.GetRequiredService<SmtpBulkMailSender>(),
                _ => sp.GetRequiredService<OutboxBulkMailSender>(),
            },
            sp.GetRequiredService<NewsletterMetrics>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IDispatchLedger, TableDispatchLedger>();
        services.TryAddSingleton<IFeedbackLog, TableFeedbackLog>();
        services.TryAddSingleton<IDispatchPublisher, QueueDispatchPublisher>();
        services.TryAddSingleton<IPeopleStore, TablePeopleStore>();
        services.TryAddSingleton<ISignInStore, TableSignInStore>();
        services.TryAddSingleton<ISessionStore, TableSessionStore>();
        services.TryAddSingleton<ISignInMailPublisher, QueueSignInMailPublisher>();
        services.TryAddSingleton<Core.Subscriptions.Transfer.IReaderImportRuns, Newsletter.Infrastructure.Subscriptions.BlobReaderImportRuns>();
        services.TryAddSingleton<Newsletter.Core.Portal.IPortalStore, Portal.TablePortalStore>();
        services.TryAddSingleton<Newsletter.Core.Portal.IReleaseNoticePublisher, Portal.QueueReleaseNoticePublisher>();
        return services;
    }

    /// <summary>The SendGrid client's HTTP pipeline: per-attempt timeout, retries of 429/5xx/failed connects (see <see cref="SendGridBulkMailSender.AddResilience"/>).</summary>
    public static IHttpClientBuilder AddSendGridHttpClient(this IServiceCollection services)
    {
        // The attempt timeout lives in the pipeline; HttpClient's own would cut across the retries.
        var builder = services.AddHttpClient(SendGridBulkMailSender.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        builder.AddResilienceHandler("sendgrid", (pipeline, context) => SendGridBulkMailSender.AddResilience(
            pipeline, context.ServiceProvider.GetRequiredService<IOptions<SendGridOptions>>().Value, context.ServiceProvider.GetRequiredService<TimeProvider>()));
        return builder;
    }

    private static void AddNewsletterOptions<T>(this IServiceCollection services, string section) where T : class =>
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
}
