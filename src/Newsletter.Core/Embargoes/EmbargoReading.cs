namespace Newsletter.Core.Embargoes;

/// <summary>What an embargo text says.</summary>
public enum EmbargoKind
{
    /// <summary>No embargo ("Embargo: none", "for immediate release").</summary>
    None,

    /// <summary>One moment, <see cref="EmbargoReading.At"/>.</summary>
    At,

    /// <summary>The text names an embargo but no moment this system can be sure of.</summary>
    Unreadable,

    /// <summary>A local time that does not exist (the hour skipped when clocks go forward).</summary>
    Nonexistent,

    /// <summary>A local time that occurs twice (the hour repeated when clocks go back); <see cref="EmbargoReading.Candidates"/> holds both.</summary>
    Ambiguous,
}

/// <summary>An embargo as read from text, a form or a field: a moment in UTC, or why there is none.</summary>
public sealed record EmbargoReading(EmbargoKind Kind, DateTimeOffset? At = null, string? Problem = null, IReadOnlyList<DateTimeOffset>? Candidates = null)
{
    public static EmbargoReading NoEmbargo { get; } = new(EmbargoKind.None);

    public static EmbargoReading Moment(DateTimeOffset at) => new(EmbargoKind.At, at.ToUniversalTime());

    public static EmbargoReading Unreadable(string problem) => new(EmbargoKind.Unreadable, Problem: problem);
}
