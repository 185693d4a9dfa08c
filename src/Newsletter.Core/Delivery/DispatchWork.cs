using System.Text.Json.Serialization;

namespace Newsletter.Core.Delivery;

/// <summary>
/// A message of the dispatch queue: one reader bucket of an edition (<see cref="DispatchRequest"/>)
/// or one variant's merged remainders (<see cref="MergeRequest"/>).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(DispatchRequest), "bucket")]
[JsonDerivedType(typeof(MergeRequest), "merge")]
public abstract record DispatchWork(string EditionId);

/// <summary>Send this reader bucket's readers this edition.</summary>
public sealed record DispatchRequest(string EditionId, int Bucket) : DispatchWork(EditionId)
{
    public override string ToString() => $"{EditionId} bucket {Bucket}";
}

/// <summary>Send one variant's remainders of every bucket, cut into full chunks.</summary>
public sealed record MergeRequest(string EditionId, string VariantKey) : DispatchWork(EditionId)
{
    public override string ToString() => $"{EditionId} merge {VariantKey}";
}

/// <summary>Port: puts dispatch messages on the dispatch queue.</summary>
public interface IDispatchPublisher
{
    Task EnqueueAsync(IReadOnlyList<DispatchWork> messages, CancellationToken cancellationToken);

    /// <summary>Puts a message back on the queue, to be delivered after <paramref name="delay"/>.</summary>
    Task EnqueueLaterAsync(DispatchWork message, TimeSpan delay, CancellationToken cancellationToken);
}

