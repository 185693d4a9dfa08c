namespace Newsletter.Core.Health;

/// <summary>Whether one storage service (blobs, queues or tables) answered, and why not.</summary>
public sealed record ServiceHealth(bool Healthy, string? Error = null)
{
    public static ServiceHealth Ok { get; } = new(true);
}

/// <summary>The state of the three storage services the system depends on.</summary>
public sealed record StorageHealth(ServiceHealth Blobs, ServiceHealth Queues, ServiceHealth Tables)
{
    public bool Healthy => Blobs.Healthy && Queues.Healthy && Tables.Healthy;
}

/// <summary>Port: asks the storage account whether it answers.</summary>
public interface IStorageHealthProbe
{
    Task<StorageHealth> CheckAsync(CancellationToken cancellationToken);
}
