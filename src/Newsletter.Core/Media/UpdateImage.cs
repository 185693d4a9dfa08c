namespace Newsletter.Core.Media;

/// <summary>
/// One stored size of an image: <c>{Name}</c> lives under the update's id in the media store and is served at
/// <c>/media/{updateId}/{Name}</c>. The name holds the hash of the file's content, so a name never changes meaning.
/// </summary>
public sealed record ImageRendition(string Name, int Width, int Height, string ContentType, long Length);

/// <summary>
/// An update's lead image: its stored sizes (largest first) and what readers are told about it. An image taken from
/// an e-mail has no <see cref="Details"/> yet: a candidate, shown to nobody but its member and editors until completed.
/// </summary>
public sealed record UpdateImage
{
    public required IReadOnlyList<ImageRendition> Renditions { get; init; }

    public ImageDetails? Details { get; init; }

    /// <summary>Caption, credit and licence are known: the image may be shown with the update.</summary>
    public bool IsComplete => Details is not null;

    /// <summary>The largest size: pages, and mail at 2x.</summary>
    public ImageRendition Large => Renditions[0];

    /// <summary>The size nearest to <paramref name="width"/> that is at least as wide, else the largest.</summary>
    public ImageRendition AtLeast(int width) => Renditions.Where(r => r.Width >= width).MinBy(r => r.Width) ?? Large;

    /// <summary>The smallest size: lists and thumbnails.</summary>
    public ImageRendition Thumbnail => Renditions[^1];

    public bool Holds(string name) => Renditions.Any(r => r.Name == name);
}
