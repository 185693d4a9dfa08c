using Microsoft.Extensions.DependencyInjection;
using Newsletter.Core.Subscriptions;

namespace Newsletter.Web.Mail;

/// <summary>The subscription mails' HTML bodies, rendered from their components.</summary>
public sealed class MailTemplates(IServiceScopeFactory scopes) : IMailTemplates
{
    public Task<string> ConfirmationAsync(ConfirmationMail model) => scopes.RenderAsync<ConfirmationMailBody, ConfirmationMail>(model);

    public Task<string> WelcomeAsync(WelcomeMail model) => scopes.RenderAsync<WelcomeMailBody, WelcomeMail>(model);

    public Task<string> AlreadySubscribedAsync(AlreadySubscribedMail model) => scopes.RenderAsync<AlreadySubscribedMailBody, AlreadySubscribedMail>(model);
}
