using Newsletter.Core.Subscriptions;

namespace Newsletter.Web.Pages.Subscriptions;

/// <summary>The signup form as served, or as posted back with its errors.</summary>
public sealed record SignupModel(SignupForm Form, SignupInput? Input, IReadOnlyDictionary<string, string> Errors);

/// <summary>A link that did not work, and whether it was a confirmation link.</summary>
public sealed record LinkFailure(LinkProblem Problem, bool Confirmation);
