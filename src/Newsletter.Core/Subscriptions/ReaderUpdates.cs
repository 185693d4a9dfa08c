using Microsoft.Extensions.Logging;

namespace Newsletter.Core.Subscriptions;

/// <summary>A reader link checked: the reader it names and when it was issued, or why it does not work.</summary>
public readonly record struct ReaderLink(ReaderKey Key, DateTimeOffset IssuedAt, LinkProblem Problem)
{
    public bool IsValid => Problem == LinkProblem.None;
}

/// <summary>
/// What the subscription slices share: checking a reader link, and the read-decide-save loop. Each
/// operation reads the reader, lets the <see cref="Reader"/> decide, and saves with optimistic
/// concurrency, deciding again on fresh data when another request saved first.
/// </summary>
public sealed partial class ReaderUpdates(IReaderStore store, TokenService tokens, ILogger<ReaderUpdates> logger)
{
    private const int SaveAttempts = 5;

    public Task<Reader?> GetAsync(ReaderKey key, CancellationToken cancellationToken) => store.GetAsync(key.Id, key.Bucket, cancellationToken);

    /// <summary>Checks a link token of one purpose and reads the reader id out of it.</summary>
    public ReaderLink Check(string? token, TokenPurpose purpose)
    {
        var check = tokens.Verify(token, purpose);
        LinkCheck.Verified(check, out var key, out var problem);
        return new ReaderLink(key, check.Claims?.IssuedAt ?? default, problem);
    }

    /// <summary>
    /// Reads the reader, lets <paramref name="change"/> decide, and saves the reader it returns (null: save
    /// nothing). A conflicting save by someone else re-runs the whole decision on fresh data.
    /// </summary>
    public async Task<T> UpdateAsync<T>(ReaderKey key, Func<Reader?, (Reader? Save, T Result)> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 1; ; attempt++)
        {
            var reader = await store.GetAsync(key.Id, key.Bucket, cancellationToken);
            var (save, result) = change(reader);
            if (save is null)
            {
                return result;
            }

            try
            {
                await store.SaveAsync(save, cancellationToken);
                return result;
            }
            catch (ConflictException) when (attempt < SaveAttempts)
            {
                LogConflict(key.Id, attempt);
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "Reader {ReaderId} changed concurrently (attempt {Attempt}); retrying")]
    private partial void LogConflict(string readerId, int attempt);
}
