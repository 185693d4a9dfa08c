using System.Text;

namespace Newsletter.Deployment.Tests;

/// <summary>
/// Every setting the code reads is set by the template, and the template sets nothing that no code reads.
/// What the code reads is found by reflection (<see cref="CodeSettings"/>), so the check grows with the code.
/// </summary>
[Collection(TemplateCollection.Name)]
public class AppSettingsTests(DeploymentTemplate template)
{
    /// <summary>
    /// Settings the platform reads rather than our code: the host's own storage (identity-based) and the
    /// Application Insights connection with Entra authentication. FUNCTIONS_WORKER_RUNTIME and
    /// FUNCTIONS_EXTENSION_VERSION are not here on purpose: Flex Consumption rejects them as app settings.
    /// </summary>
    public static readonly IReadOnlyList<string> PlatformSettings =
    [
        "APPLICATIONINSIGHTS_CONNECTION_STRING",
        "APPLICATIONINSIGHTS_AUTHENTICATION_STRING",
        "AzureWebJobsDisableHomepage",
        .. CodeSettings.IdentityConnectionSuffixes.Select(s => $"AzureWebJobsStorage__{s}"),
    ];

    [Fact]
    public void HostHomePage_IsOff_SoTheAppsHomeFunctionAnswersAtTheRoot()
    {
        Assert.Equal("true", template.AppSettings()["AzureWebJobsDisableHomepage"]);
    }

    [Fact]
    public void Discovery_FindsWhatTheCodeReadsToday()
    {
        // Guards the reflection: if it silently found nothing, the comparison below would prove nothing.
        var names = CodeSettings.All().Select(r => r.Name).ToArray();
        Assert.Contains("Host__HeartbeatSchedule", names);
        Assert.Contains("NewsletterStorage__blobServiceUri", names);
        Assert.Contains("NewsletterStorage__clientId", names);
    }

    [Fact]
    public void EverySettingTheCodeReads_IsSet_AndNothingElseIs()
    {
        var settings = template.AppSettings().Keys.ToArray();
        var required = CodeSettings.All().Concat(PlatformSettings.Select(p => new SettingRequirement(p, false, "platform"))).ToArray();

        var missing = required.Where(r => !settings.Any(r.Covers)).ToArray();
        var unexpected = settings
            .Where(s => !required.Any(r => r.Covers(s)))
            .Order(StringComparer.Ordinal)
            .ToArray();

        if (missing.Length > 0 || unexpected.Length > 0)
        {
            var message = new StringBuilder("The template's app settings do not match what the code reads.\n");
            message.Append("Missing (read by the code, not set by infra/main.bicep):\n");
            foreach (var m in missing)
            {
                message.Append("  ").Append(m).Append('\n');
            }

            message.Append("Unexpected (set by the template, read by no code):\n");
            foreach (var u in unexpected)
            {
                message.Append("  ").Append(u).Append('\n');
            }

            message.Append("Set by the template:\n  ").AppendJoin("\n  ", settings.Order(StringComparer.Ordinal));
            Assert.Fail(message.ToString());
        }
    }

    [Fact]
    public void StorageSettings_UseTheManagedIdentity_NeverAKey()
    {
        var settings = template.AppSettings();
        foreach (var connection in new[] { "AzureWebJobsStorage", "NewsletterStorage" })
        {
            Assert.False(settings.ContainsKey(connection), $"{connection} is set as a connection string; use the identity-based {connection}__* settings.");
            Assert.Equal("managedidentity", settings[$"{connection}__credential"]);
            Assert.Contains("outputs.clientId", settings[$"{connection}__clientId"], StringComparison.Ordinal);
            foreach (var service in new[] { "blob", "queue", "table" })
            {
                Assert.Contains($"outputs.{service}Endpoint", settings[$"{connection}__{service}ServiceUri"], StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void ApplicationInsights_UsesEntraAuthentication()
    {
        var settings = template.AppSettings();
        var authentication = settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"];
        Assert.Contains("ClientId=", authentication, StringComparison.Ordinal);
        Assert.Contains(";Authorization=AAD", authentication, StringComparison.Ordinal);
        Assert.Contains("outputs.clientId", authentication, StringComparison.Ordinal);

        var insights = template.One("Microsoft.Insights/components");
        Assert.True((bool?)insights["properties"]?["DisableLocalAuth"], "Application Insights must have local auth off");
        Assert.NotNull((string?)insights["properties"]?["WorkspaceResourceId"]);
        Assert.Single(template.OfType("Microsoft.OperationalInsights/workspaces"));
    }
}
