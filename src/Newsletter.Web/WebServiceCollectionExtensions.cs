using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Newsletter.Web;

public static class WebServiceCollectionExtensions
{
    /// <summary>The page renderer (one per scope) for both hosts: the Functions worker and <c>newsletter serve</c>.</summary>
    public static IServiceCollection AddNewsletterWeb(this IServiceCollection services)
    {
        services.AddLogging();
        services.TryAddScoped<PageRenderer>();
        services.TryAddScoped<Layout.PageViewer>();
        services.TryAddSingleton<Newsletter.Core.Access.ISignInMailTemplate, Mail.SignInMailTemplate>();
        services.TryAddScoped<Pages.Subscriptions.SubscriptionPages>();
        services.TryAddSingleton<Pages.Console.ConsoleLinks>();
        services.TryAddSingleton<Newsletter.Core.Subscriptions.IMailTemplates, Mail.MailTemplates>();
        services.TryAddSingleton<Newsletter.Core.Portal.IReleaseNoticeTemplate, Mail.ReleaseNoticeTemplate>();
        services.TryAddSingleton<Newsletter.Core.Portal.IChangeRequestMailTemplate, Mail.ChangeRequestMailTemplate>();
        services.TryAddSingleton<Newsletter.Core.Editorial.IReviewWaitingMailTemplate, Mail.ReviewWaitingMailTemplate>();
        services.TryAddSingleton<Newsletter.Core.Portal.IInvitationMailTemplate, Mail.InvitationMailTemplate>();
        return services;
    }
}
