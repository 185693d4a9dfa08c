namespace Newsletter.Core.Releases;

/// <summary>An accepted upload as the member sent it: its bytes, content type and file name.</summary>
public sealed record ReleaseOriginal(Stream Content, string? ContentType, string FileName) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}

/// <summary>Port: reads the originals kept in the archive area, for editors to download what a member sent.</summary>
public interface IReleaseOriginals
{
    /// <summary>The archived original of a release, or null when it is not (or no longer) there.</summary>
    Task<ReleaseOriginal?> OpenAsync(string memberId, string releaseId, string fileName, CancellationToken cancellationToken);
}
