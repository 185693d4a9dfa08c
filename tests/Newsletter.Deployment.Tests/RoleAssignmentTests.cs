using System.Text.Json.Nodes;

namespace Newsletter.Deployment.Tests;

/// <summary>The app's identity gets exactly the roles it needs, each on the resource it is about.</summary>
[Collection(TemplateCollection.Name)]
public class RoleAssignmentTests(DeploymentTemplate template)
{
    // Built-in role definition IDs.
    public const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    public const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    public const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    public const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    public const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    public const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";

    [Fact]
    public void Identity_HasExactlyTheListedRoles_OnTheirResources()
    {
        var storage = (string)template.One("Microsoft.Storage/storageAccounts")["id"]!;
        var insights = (string)template.One("Microsoft.Insights/components")["id"]!;
        var vault = (string)template.One("Microsoft.KeyVault/vaults")["id"]!;

        // The four storage and telemetry roles, plus Key Vault Secrets User: the platform resolves the app's
        // Key Vault references as this identity, so it must read secrets. Nothing else.
        var expected = new[]
        {
            (StorageBlobDataOwner, storage),
            (StorageQueueDataContributor, storage),
            (StorageTableDataContributor, storage),
            (MonitoringMetricsPublisher, insights),
            (KeyVaultSecretsUser, vault),
        }.Select(Describe).Order(StringComparer.Ordinal);

        var actual = Assignments()
            .Where(a => IsTheAppsIdentity((string?)a["properties"]?["principalId"]))
            .Select(a => Describe((Role(a), Scope(a))))
            .Order(StringComparer.Ordinal);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void EveryOtherAssignment_IsTheDeployersSecretsOfficer()
    {
        var others = Assignments()
            .Where(a => !IsTheAppsIdentity((string?)a["properties"]?["principalId"]))
            .ToArray();
        var deployer = Assert.Single(others);
        Assert.Equal(DeploymentTemplate.DeployerPrincipalId, (string?)deployer["properties"]!["principalId"]);
        Assert.Equal(KeyVaultSecretsOfficer, Role(deployer));
        Assert.Equal((string)template.One("Microsoft.KeyVault/vaults")["id"]!, Scope(deployer), StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public void AssignmentNames_AreGuids_FromGuidFunction()
    {
        // guid() of scope, principal and role: stable across deployments, unique across assignments.
        Assert.NotNull(template.Compiled);
        var names = Descendants(template.Compiled)
            .Where(o => (string?)o["type"] == "Microsoft.Authorization/roleAssignments")
            .Select(o => (string?)o["name"])
            .ToArray();
        Assert.NotEmpty(names);
        Assert.All(names, n => Assert.StartsWith("[guid(", n, StringComparison.Ordinal));
        Assert.All(Assignments(), a => Assert.True(Guid.TryParse((string?)a["name"], out _), $"{a["name"]} is not a GUID"));
    }

    /// <summary>The principal id the identity module outputs (each module granting a role takes it from there).</summary>
    private static bool IsTheAppsIdentity(string? principalId) =>
        principalId is not null
        && principalId.Contains("'Microsoft.Resources/deployments', format('identity-", StringComparison.Ordinal)
        && principalId.Contains(".outputs.principalId.value", StringComparison.Ordinal);

    private IEnumerable<JsonObject> Assignments() => template.OfType("Microsoft.Authorization/roleAssignments");

    private static string Role(JsonObject assignment) =>
        ((string)assignment["properties"]!["roleDefinitionId"]!).Split('/')[^1];

    private static string Scope(JsonObject assignment)
    {
        var id = (string)assignment["id"]!;
        return id[..id.IndexOf("/providers/Microsoft.Authorization/roleAssignments/", StringComparison.OrdinalIgnoreCase)];
    }

    private static string Describe((string Role, string Scope) assignment) =>
        $"{assignment.Role} on {assignment.Scope.ToUpperInvariant()}";

    private static IEnumerable<JsonObject> Descendants(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                yield return o;
                foreach (var child in o.Select(p => p.Value).OfType<JsonNode>().SelectMany(Descendants))
                {
                    yield return child;
                }

                break;
            case JsonArray a:
                foreach (var child in a.OfType<JsonNode>().SelectMany(Descendants))
                {
                    yield return child;
                }

                break;
        }
    }
}
