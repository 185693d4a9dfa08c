namespace Newsletter.Core.Health;

/// <summary>
/// Whether one storage service (blobs, queues or tables) answered, and if not, a reason code
/// (<see cref="HealthReasons"/>). The code is what the health endpoint shows; the detail behind it goes to the log only.
/// </summary>
public sealed record ServiceHealth(bool Healthy, string? Reason = null)
{
    public static ServiceHealth Ok { get; } = new(true);

    public static ServiceHealth Failed(string reason) => new(false, reason);
}

/// <summary>The reason codes a storage service can be unhealthy for: stable strings operators can alert on.</summary>
public static class HealthReasons
{
    /// <summary>No connection could be made (refused, DNS, TLS).</summary>
    public const string Unreachable = "unreachable";

    /// <summary>The service did not answer within the probe's deadline.</summary>
    public const string Timeout = "timeout";

    /// <summary>The service refused the app's credentials (401/403).</summary>
    public const string AuthFailed = "auth_failed";

    /// <summary>The service answered with another error status.</summary>
    public const string StorageError = "storage_error";

    /// <summary>A container, queue or table the app needs does not exist: <c>missing:container:incoming</c>.</summary>
    public static string Missing(string kind, string name) => $"missing:{kind}:{name}";
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
