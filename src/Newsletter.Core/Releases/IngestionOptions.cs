using System.ComponentModel.DataAnnotations;

namespace Newsletter.Core.Releases;

/// <summary>Limits on what members may upload.</summary>
public sealed class IngestionOptions
{
    public const string SectionName = "Ingestion";

    /// <summary>The largest upload accepted, in bytes; enforced while streaming. Default 5 MiB.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public long MaxUploadBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>
    /// How long reading one upload may take before it is rejected as <c>parse-timeout</c>, so no input holds a
    /// worker for long. Default 5 s; a real release takes milliseconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan ParseBudget { get; set; } = TimeSpan.FromSeconds(5);
}
