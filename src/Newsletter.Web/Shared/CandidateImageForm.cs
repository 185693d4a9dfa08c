namespace Newsletter.Web.Shared;

/// <summary>The details typed for a candidate image (an e-mail's picture) and why they were refused, for the form sent back.</summary>
public sealed record CandidateImageForm(string Caption, string Credit, string Licence, string Alt, string? Error = null);
