namespace Newsletter.Core.Subscriptions;

/// <summary>What the confirmation mail says: no name, since anyone can type any address into the form.</summary>
public sealed record ConfirmationMail(string NetworkName, string ConfirmUrl, int Days);

/// <summary>What the welcome mail says.</summary>
public sealed record WelcomeMail(string NetworkName, string Greeting, string Frequency, string Topics, string PreferencesUrl, string UnsubscribeUrl);

/// <summary>What the mail to someone who signed up again while subscribed says.</summary>
public sealed record AlreadySubscribedMail(string NetworkName, string Greeting, string PreferencesUrl, string UnsubscribeUrl);

/// <summary>
/// The HTML bodies of the subscription mails, from templates (Newsletter.Web renders them as Razor
/// components); Core keeps the decisions and the plain-text twins.
/// </summary>
public interface IMailTemplates
{
    Task<string> ConfirmationAsync(ConfirmationMail model);
    Task<string> WelcomeAsync(WelcomeMail model);
    Task<string> AlreadySubscribedAsync(AlreadySubscribedMail model);
}
