using System.Text.RegularExpressions;

namespace Newsletter.Core.Members;

/// <summary>A member organisation of the network that may upload releases.</summary>
public sealed record Member
{
    public required string Id { get; init; }
    public required string DisplayName { get; init; }

    /// <summary>Topics this member's updates may carry; empty allows any.</summary>
    public IReadOnlyList<string> AllowedTopics { get; init; } = [];

    /// <summary>Publish this member's updates at once, without an editor's review.</summary>
    public bool AutoPublish { get; init; }

    public IReadOnlyList<MemberApiKey> Keys { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Opaque store version for optimistic concurrency.</summary>
    public string? Version { get; init; }
}

/// <summary>One API key of a member: only a hash of its secret is kept.</summary>
public sealed record MemberApiKey(string KeyId, string SecretHash, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt = null)
{
    public bool Active => RevokedAt is null;
}

public static partial class MemberIds
{
    /// <summary>Member ids go into blob paths and table keys: lower-case letters, digits and dashes.</summary>
    public static bool IsValid(string? id) => id is not null && ValidId().IsMatch(id);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidId();
}

/// <summary>Port: where members are kept.</summary>
public interface IMemberStore
{
    Task<Member?> GetAsync(string memberId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Member>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Adds a new member; false when the id is taken.</summary>
    Task<bool> TryAddAsync(Member member, CancellationToken cancellationToken);

    /// <summary>Replaces a member read earlier; throws <see cref="ConflictException"/> if it changed since.</summary>
    Task SaveAsync(Member member, CancellationToken cancellationToken);
}
