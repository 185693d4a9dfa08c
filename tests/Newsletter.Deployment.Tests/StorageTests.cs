using System.Reflection;
using Newsletter.Infrastructure.Storage;

namespace Newsletter.Deployment.Tests;

/// <summary>The storage account is locked to Entra ID and holds exactly the containers, queues and tables in <see cref="StorageNames"/>.</summary>
[Collection(TemplateCollection.Name)]
public class StorageTests(DeploymentTemplate template)
{
    [Fact]
    public void Account_AllowsNoSharedKey_NoPublicBlobs_OnlyTls12AndHttps()
    {
        var account = template.One("Microsoft.Storage/storageAccounts");
        var properties = account["properties"]!;
        Assert.False((bool?)properties["allowSharedKeyAccess"] ?? true, "allowSharedKeyAccess must be false");
        Assert.False((bool?)properties["allowBlobPublicAccess"] ?? true, "allowBlobPublicAccess must be false");
        Assert.Equal("TLS1_2", (string?)properties["minimumTlsVersion"]);
        Assert.True((bool?)properties["supportsHttpsTrafficOnly"] ?? false, "supportsHttpsTrafficOnly must be true");
    }

    [Fact]
    public void Containers_AreTheCodesPlusOneForTheAppPackage()
    {
        var inTemplate = ChildNames("Microsoft.Storage/storageAccounts/blobServices/containers");
        var inCode = Names(typeof(StorageNames.Containers));
        var missing = inCode.Except(inTemplate).ToArray();
        Assert.True(missing.Length == 0, $"Containers the code uses that the template does not create: {string.Join(", ", missing)}");

        // The one extra container is the Flex Consumption deployment container, apart from the app's data.
        var extra = Assert.Single(inTemplate.Except(inCode));
        var deployment = template.One("Microsoft.Web/sites")["properties"]!["functionAppConfig"]!["deployment"]!["storage"]!;
        Assert.Contains(extra, (string?)deployment["value"], StringComparison.Ordinal);
        Assert.All(template.OfType("Microsoft.Storage/storageAccounts/blobServices/containers"),
            c => Assert.Equal("None", (string?)c["properties"]?["publicAccess"]));
    }

    [Fact]
    public void Queues_AreTheCodesWithTheirPoisonQueues()
    {
        var inCode = Names(typeof(StorageNames.Queues));
        var expected = inCode.SelectMany(q => new[] { q, $"{q}-poison" }).Order(StringComparer.Ordinal);
        Assert.Equal(expected, ChildNames("Microsoft.Storage/storageAccounts/queueServices/queues").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Tables_AreTheCodes()
    {
        Assert.Equal(Names(typeof(StorageNames.Tables)).Order(StringComparer.Ordinal),
            ChildNames("Microsoft.Storage/storageAccounts/tableServices/tables").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void StorageNames_AllListsEveryName()
    {
        // The template check reads the constants; the app provisions from All. Keep them the same.
        foreach (var type in new[] { typeof(StorageNames.Containers), typeof(StorageNames.Queues), typeof(StorageNames.Tables) })
        {
            var all = (IReadOnlyList<string>)type.GetProperty("All")!.GetValue(null)!;
            Assert.Equal(Names(type).Order(StringComparer.Ordinal), all.Order(StringComparer.Ordinal));
        }
    }

    /// <summary>The string constants of one of the StorageNames classes.</summary>
    private static string[] Names(Type type) => type.GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    private string[] ChildNames(string type) => template.OfType(type)
        .Select(r => ((string)r["name"]!).Split('/')[^1])
        .ToArray();
}
