using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Newsletter.Core.Monitoring;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace Newsletter.FunctionApp;

/// <summary>
/// One telemetry path for the whole app: OpenTelemetry, exported to Application Insights by the Azure Monitor exporter,
/// as Microsoft documents it for the isolated worker (<c>UseFunctionsWorkerDefaults</c> + <c>UseAzureMonitorExporter</c>,
/// and <c>"telemetryMode": "OpenTelemetry"</c> in host.json so the host's own requests and logs take the same path).
/// The Application Insights SDK registration (<c>AddApplicationInsightsTelemetryWorkerService</c> +
/// <c>ConfigureFunctionsApplicationInsights</c>) is not used beside it: its 3.x SDK is itself a wrapper over this exporter,
/// and running both exports every log twice; neither would export the <see cref="NewsletterMetrics"/> meter unless told.
/// </summary>
public static class Telemetry
{
    public const string ConnectionSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    public static IServiceCollection AddNewsletterTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var telemetry = services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithMetrics(metrics => metrics.AddMeter(NewsletterMetrics.MeterName));

        // Without a connection string (func start on a laptop) nothing is exported; the exporter would refuse to start.
        if (!string.IsNullOrWhiteSpace(configuration[ConnectionSetting]))
        {
            var clientId = ManagedIdentityClientId(configuration[AuthenticationSetting]);
            telemetry.UseAzureMonitorExporter(options =>
            {
                // Application Insights has local auth off: ingestion takes the app's managed identity.
                if (clientId is not null)
                {
                    options.Credential = new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
                }
            });
        }

        return services;
    }

    /// <summary>The identity of <c>ClientId=...;Authorization=AAD</c>, the setting the host reads for Entra ingestion.</summary>
    public static string? ManagedIdentityClientId(string? authentication)
    {
        var parts = (authentication ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        return parts.TryGetValue("Authorization", out var kind) && kind.Equals("AAD", StringComparison.OrdinalIgnoreCase)
               && parts.TryGetValue("ClientId", out var id) && id.Length > 0
            ? id
            : null;
    }
}
