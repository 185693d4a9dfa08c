using System.Text;
using System.Text.Json.Nodes;
using Newsletter.Testing;

namespace Newsletter.Deployment.Tests;

/// <summary>
/// infra/main.bicep compiled, linted and expanded once for all tests. The expansion is Bicep's deployment
/// snapshot: the compiled ARM template evaluated with known parameters, modules flattened, every resource
/// with its final type, name and properties (values known only after deployment stay ARM expressions).
/// </summary>
public sealed class DeploymentTemplate : IDisposable
{
    // Fixed inputs of the snapshot. The secret values are markers: tests check they land in Key Vault only.
    public const string SubscriptionId = "00000000-0000-0000-0000-00000000c1c1";
    public const string TenantId = "00000000-0000-0000-0000-00000000a1a1";
    public const string DeployerPrincipalId = "11111111-2222-3333-4444-555555555555";
    public const string ActiveTokenKeyId = "key2";

    public static readonly IReadOnlyDictionary<string, string> SecretParameters = new Dictionary<string, string>
    {
        ["sendGridApiKey"] = "marker-sendgrid-api-key-6c1f",
        ["sendGridWebhookPublicKey"] = "marker-webhook-public-key-93ad",
        ["smtpPassword"] = "marker-smtp-password-2f4c",
        ["tokenSigningKeys"] = "marker-token-signing-keys-0b7e",
        ["addressHashKey"] = "marker-address-hash-key-51d2",
    };

    private readonly string _workFolder;

    public DeploymentTemplate()
    {
        InfraFolder = Path.Combine(RepositoryPaths.Root, "infra");
        MainBicep = Path.Combine(InfraFolder, "main.bicep");
        _workFolder = Directory.CreateTempSubdirectory("newsletter-bicep-").FullName;

        Build = Bicep.Run(InfraFolder, "build", MainBicep, "--stdout");
        Lint = Bicep.Run(InfraFolder, "lint", MainBicep);
        if (Build.ExitCode == 0)
        {
            CompiledText = Build.Output;
            Compiled = JsonNode.Parse(CompiledText)!.AsObject();
        }

        var parameters = Path.Combine(_workFolder, "ci.bicepparam");
        File.WriteAllText(parameters, ParametersFile(Path.GetRelativePath(_workFolder, MainBicep)));
        Snapshot = Bicep.Run(_workFolder, "snapshot", parameters, "--mode", "overwrite",
            "--subscription-id", SubscriptionId, "--tenant-id", TenantId, "--location", "westeurope");
        var snapshotFile = Path.Combine(_workFolder, "ci.snapshot.json");
        if (Snapshot.ExitCode == 0 && File.Exists(snapshotFile))
        {
            SnapshotText = File.ReadAllText(snapshotFile);
            Resources = JsonNode.Parse(SnapshotText)!["predictedResources"]!.AsArray()
                .Select(r => r!.AsObject()).ToArray();
        }
    }

    public string InfraFolder { get; }
    public string MainBicep { get; }
    public Bicep.Result Build { get; }
    public Bicep.Result Lint { get; }
    public Bicep.Result Snapshot { get; }
    public string? CompiledText { get; }
    public JsonObject? Compiled { get; }
    public string? SnapshotText { get; }
    public IReadOnlyList<JsonObject> Resources { get; } = [];

    public IEnumerable<JsonObject> OfType(string type) =>
        Resources.Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase));

    public JsonObject One(string type)
    {
        var matches = OfType(type).ToArray();
        Assert.True(matches.Length == 1, $"Expected one {type} in the template, found {matches.Length}.\n{SnapshotSummary()}");
        return matches[0];
    }

    /// <summary>The Function App's application settings, name to value.</summary>
    public IReadOnlyDictionary<string, string> AppSettings()
    {
        var config = OfType("Microsoft.Web/sites/config")
            .Where(r => ((string?)r["name"])?.EndsWith("/appsettings", StringComparison.OrdinalIgnoreCase) == true)
            .ToArray();
        Assert.True(config.Length == 1, $"Expected one appsettings resource, found {config.Length}.");
        Assert.True(One("Microsoft.Web/sites")["properties"]?["siteConfig"]?["appSettings"] is null,
            "App settings are set in two places (siteConfig.appSettings and the appsettings resource); the later one would replace the other.");
        var properties = config[0]["properties"] as JsonObject
            ?? throw new InvalidOperationException($"The app settings are not an object the snapshot could evaluate: {config[0]["properties"]}");
        return properties.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "", StringComparer.OrdinalIgnoreCase);
    }

    public string SnapshotSummary()
    {
        var text = new StringBuilder("Resources in the snapshot:\n");
        foreach (var r in Resources)
        {
            text.Append("  ").Append(r["type"]).Append(' ').Append(r["name"]).Append('\n');
        }

        return text.ToString();
    }

    private static string ParametersFile(string relativeMain)
    {
        var text = new StringBuilder();
        text.Append("using '").Append(relativeMain.Replace('\\', '/')).Append("'\n\n");
        text.Append("param environmentName = 'ci'\n");
        text.Append("param location = 'westeurope'\n");
        text.Append("param principalId = '").Append(DeployerPrincipalId).Append("'\n");
        text.Append("param tokenSigningKeyId = '").Append(ActiveTokenKeyId).Append("'\n");
        foreach (var (name, value) in SecretParameters)
        {
            text.Append("param ").Append(name).Append(" = '").Append(value).Append("'\n");
        }

        return text.ToString();
    }

    public void Dispose() => Directory.Delete(_workFolder, recursive: true);
}

[CollectionDefinition(Name)]
public sealed class TemplateCollection : ICollectionFixture<DeploymentTemplate>
{
    public const string Name = "Bicep template";
}
