namespace Newsletter.Web.Pages.Access;

/// <summary>The sign-in form: the address typed so far and what is wrong with it.</summary>
public sealed record SignInForm(string? Address = null, string? Error = null);

/// <summary>
/// The answer to a sign-in request, the same for every address: check your inbox, or type the code
/// here. <see cref="AttemptRef"/> names the request for the code form; <see cref="Address"/> is null when
/// the page comes back after a wrong code (the code form does not carry the address).
/// </summary>
public sealed record SignInSent(string? Address, string AttemptRef, int Minutes, string? CodeError = null);

/// <summary>The page a mailed link opens: a button that signs in by POST; opening it changes nothing.</summary>
public sealed record SignInLink(string Token);

/// <summary>A refusal with a way on: an expired or used link, a used-up code, too many requests, no access.</summary>
public sealed record Refusal(string Title, string Heading, string Explanation, string? LinkText = null, string? LinkUrl = null)
{
    public static Refusal LinkInvalid { get; } = new("Sign-in link not valid", "This sign-in link is not valid",
        "The link may be incomplete: copy the whole link from the mail, or ask for a new one.", "Ask for a new sign-in link", null);

    public static Refusal LinkUsed { get; } = new("Sign-in link already used", "This sign-in link has already been used",
        "Each link and code signs in once. If that was not you, nothing more can be done with it; ask for a new link to sign in.", "Ask for a new sign-in link", null);

    public static Refusal LinkExpired { get; } = new("Sign-in link expired", "This sign-in link has expired",
        "Links and codes work for 15 minutes after they are sent.", "Ask for a new sign-in link", null);

    public static Refusal TooManyCodes { get; } = new("Code used up", "Too many wrong codes",
        "This code can no longer be used. The link in the same mail still signs in until it expires; or ask for a new link.", "Ask for a new sign-in link", null);

    public static Refusal TooManyRequests { get; } = new("Too many attempts", "Too many attempts from here",
        "Please wait a few minutes before trying again.", "Back to sign-in", null);

    public static Refusal Forbidden { get; } = new("Not allowed", "You cannot open this page",
        "You are signed in, but your role does not include this page.", null, null);

    public static Refusal OtherSite { get; } = new("Sign-in not accepted", "This sign-in did not come from this site",
        "A page on another site tried to sign this browser in. Nothing was changed. To sign in, ask for a link here.", "Ask for a new sign-in link", null);

    public static Refusal FormTooLarge { get; } = new("Form too large", "This form is too large",
        "It holds more than 64 KiB, far more than any form of this site needs, so nothing was saved. Go back, shorten what you typed and send it again.", "Back to the home page", "/");

    public static Refusal FormUnreadable { get; } = new("Form not received", "This form did not arrive whole",
        "The connection stopped or slowed down before the whole form arrived, so nothing was saved. Go back and send it again.", "Back to the home page", "/");

    /// <summary>A body that arrived but cannot be read as this site's form; <paramref name="explanation"/> says what is wrong with it.</summary>
    public static Refusal FormNotReadable(string explanation) => new("Form not read", "This form could not be read", explanation, "Back to the home page", "/");

    public static Refusal FormFromOtherSite { get; } = new("Form not accepted", "This form did not come from this site",
        "A page on another site sent it in your name, so nothing was changed. To do this yourself, open the page on this site and send its form there.", "Back to the home page", "/");

    public static Refusal FormExpired { get; } = new("Form not accepted", "This form could not be accepted",
        "It was not sent from a page of your current session (it may be from an older tab, or from another site). Open the page again and retry.", null, null);
}

/// <summary>A signed-in landing page: who is signed in, with which roles, and the sign-out form.</summary>
public sealed record SignedInHome(string Title, string Heading, string Address, IReadOnlyList<string> Roles, string AntiForgeryToken, string? Note = null);

/// <summary>The sign-out page: the form for a signed-in person, or the notice that nobody is.</summary>
public sealed record SignOutPageModel(string? Address, string? AntiForgeryToken);
