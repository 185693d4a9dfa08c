using System.ComponentModel.DataAnnotations;

namespace Newsletter.Core.Releases;

/// <summary>Limits on what members may upload.</summary>
public sealed class IngestionOptions
{
    public const string SectionName = "Ingestion";

    /// <summary>The largest upload accepted, in bytes; enforced while streaming. Default 5 MiB.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public long MaxUploadBytes { get; set; } = 5 * 1024 * 1024;
}
