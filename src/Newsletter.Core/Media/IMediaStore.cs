namespace Newsletter.Core.Media;

/// <summary>A stored file opened for reading: its content, type and length.</summary>
public sealed record MediaContent(Stream Content, string ContentType, long Length) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}

/// <summary>
/// Port: the private store of images (the <c>media</c> container in Azure). Paths are made by
/// <see cref="MediaLibrary"/> from checked ids and names only; the store never sees a name a request chose.
/// </summary>
public interface IMediaStore
{
    /// <summary>Writes (or rewrites, for a retry) the file at <paramref name="path"/>.</summary>
    Task SaveAsync(string path, byte[] content, string contentType, CancellationToken cancellationToken);

    /// <summary>The whole file, or null if there is none.</summary>
    Task<byte[]?> ReadAsync(string path, CancellationToken cancellationToken);

    /// <summary>The file as a stream, or null if there is none.</summary>
    Task<MediaContent?> OpenAsync(string path, CancellationToken cancellationToken);

    /// <summary>Deletes the file; none there is fine.</summary>
    Task DeleteAsync(string path, CancellationToken cancellationToken);

    /// <summary>Deletes every file under <paramref name="folder"/>/; nothing there is fine.</summary>
    Task DeleteFolderAsync(string folder, CancellationToken cancellationToken);
}
