using System.Security.Cryptography;
using System.Text;

namespace Newsletter.Core.Members;

/// <summary>A member just added, with its first API key in clear (shown once, never stored).</summary>
public sealed record NewMember(Member Member, string ApiKey);

/// <summary>Adds members, issues and revokes their API keys, and checks a presented key.</summary>
public sealed class MemberService(IMemberStore store, TimeProvider time)
{
    private const string Prefix = "nk_";

    /// <summary>Adds a member and issues its first key, returned in clear once and never stored.</summary>
    public async Task<NewMember> AddAsync(string id, string displayName, IReadOnlyList<string> topics, bool autoPublish, CancellationToken cancellationToken) =>
        await TryAddAsync(id, displayName, topics, autoPublish, cancellationToken) ?? throw new InvalidOperationException($"A member with id '{id}' already exists.");

    /// <summary>As <see cref="AddAsync"/>; null when a member with that id exists (also one added a moment ago by another request).</summary>
    public async Task<NewMember?> TryAddAsync(string id, string displayName, IReadOnlyList<string> topics, bool autoPublish, CancellationToken cancellationToken)
    {
        if (!MemberIds.IsValid(id))
        {
            throw new ArgumentException($"'{id}' is not a valid member id: use 2-63 lower-case letters, digits and dashes.", nameof(id));
        }

        var name = Releases.Parsing.TextCleaner.SingleLine(displayName, 200);
        if (name.Length == 0)
        {
            throw new ArgumentException("A member needs a display name.", nameof(displayName));
        }

        var (key, apiKey) = NewKey();
        var member = new Member
        {
            Id = id,
            DisplayName = name,
            AllowedTopics = topics.Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct().ToArray(),
            AutoPublish = autoPublish,
            Keys = [key],
            CreatedAt = time.GetUtcNow(),
        };
        return await store.TryAddAsync(member, cancellationToken) ? new NewMember(member, apiKey) : null;
    }

    /// <summary>Issues another key (members rotate keys without downtime: add, switch, revoke the old one).</summary>
    public async Task<string> IssueKeyAsync(string memberId, CancellationToken cancellationToken)
    {
        var member = await RequireAsync(memberId, cancellationToken);
        var (key, apiKey) = NewKey();
        await store.SaveAsync(member with { Keys = [.. member.Keys, key] }, cancellationToken);
        return apiKey;
    }

    public async Task RevokeKeyAsync(string memberId, string keyId, CancellationToken cancellationToken)
    {
        var member = await RequireAsync(memberId, cancellationToken);
        if (!member.Keys.Any(k => k.KeyId == keyId))
        {
            throw new InvalidOperationException($"Member '{memberId}' has no key '{keyId}'.");
        }

        var now = time.GetUtcNow();
        await store.SaveAsync(member with { Keys = member.Keys.Select(k => k.KeyId == keyId && k.Active ? k with { RevokedAt = now } : k).ToArray() }, cancellationToken);
    }

    /// <summary>True when the key is one of the member's active keys. Constant time in the secret.</summary>
    public static bool Verify(Member member, string? presentedKey)
    {
        if (presentedKey is null || !presentedKey.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = presentedKey[Prefix.Length..].Split('.', 2);
        if (parts.Length != 2)
        {
            return false;
        }

        var key = member.Keys.FirstOrDefault(k => k.KeyId == parts[0] && k.Active);
        if (key is null)
        {
            return false;
        }

        var presented = Encoding.ASCII.GetBytes(Hash(parts[1]));
        var expected = Encoding.ASCII.GetBytes(key.SecretHash);
        return CryptographicOperations.FixedTimeEquals(presented, expected);
    }

    private async Task<Member> RequireAsync(string memberId, CancellationToken cancellationToken) =>
        await store.GetAsync(memberId, cancellationToken) ?? throw new InvalidOperationException($"There is no member '{memberId}'.");

    private (MemberApiKey Key, string ApiKey) NewKey()
    {
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (new MemberApiKey(keyId, Hash(secret), time.GetUtcNow()), $"{Prefix}{keyId}.{secret}");
    }

    // The secret has 256 bits of entropy, so a fast hash is enough: there is nothing to brute-force.
    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
