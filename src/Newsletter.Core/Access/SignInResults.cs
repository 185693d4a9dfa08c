using Newsletter.Core.Subscriptions;

namespace Newsletter.Core.Access;

public enum SignInRequestStatus
{
    /// <summary>The same answer for every acceptable address, known or not: "check your inbox".</summary>
    Accepted,

    /// <summary>Not an e-mail address; the form comes back with the problem.</summary>
    Invalid,

    /// <summary>This client asked too often.</summary>
    RateLimited,
}

/// <summary>
/// The answer to a sign-in request. <see cref="AttemptRef"/> is put into the code form of the answer
/// page; it exists for every accepted request, so the page is the same for unknown addresses.
/// </summary>
public sealed record SignInRequestResult(SignInRequestStatus Status, string? Address, string? AttemptRef, AddressProblem Problem, TimeSpan RetryAfter);

/// <summary>Why a link or a code did not sign anyone in.</summary>
public enum SignInFailure
{
    None,

    /// <summary>Not a sign-in link of ours at all.</summary>
    Invalid,

    /// <summary>Already used to sign in (or used up by wrong codes).</summary>
    Used,

    Expired,

    /// <summary>The code typed is not the one mailed; the request stays open.</summary>
    WrongCode,

    /// <summary>Too many wrong codes: this request is used up.</summary>
    TooManyCodes,

    /// <summary>This client tried too often.</summary>
    RateLimited,
}

/// <summary>A completed sign-in: the person and the cookie secret of their new session.</summary>
public sealed record SignInResult(SignInFailure Failure, Person? Person = null, string? SessionSecret = null, Session? Session = null)
{
    public bool Succeeded => Failure == SignInFailure.None;
}
