using System.Reflection;
using System.Runtime.Versioning;
using Newsletter.Functions;

namespace Newsletter.Deployment.Tests;

/// <summary>
/// The Function App runs on Flex Consumption with the runtime the code is built for. The compiler checks
/// property names, not runtime values: a wrong runtime version would only fail at deployment.
/// </summary>
[Collection(TemplateCollection.Name)]
public class FunctionAppTests(DeploymentTemplate template)
{
    private static readonly int[] InstanceMemorySizes = [512, 2048, 4096];

    [Fact]
    public void Plan_IsFlexConsumption()
    {
        var plan = template.One("Microsoft.Web/serverfarms");
        Assert.Equal("FC1", (string?)plan["sku"]?["name"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]?["tier"]);
        Assert.True((bool?)plan["properties"]?["reserved"], "Flex Consumption runs on Linux (reserved: true)");
    }

    [Fact]
    public void Runtime_IsDotnetIsolated_OnTheFrameworkTheCodeTargets()
    {
        var runtime = template.One("Microsoft.Web/sites")["properties"]!["functionAppConfig"]!["runtime"]!;
        Assert.Equal("dotnet-isolated", (string?)runtime["name"]);
        Assert.Equal("10.0", (string?)runtime["version"]);

        // ".NETCoreApp,Version=v10.0" -> "10.0": the runtime moves with the target framework.
        var framework = typeof(Health).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()!.FrameworkName;
        Assert.Equal(framework[(framework.IndexOf("=v", StringComparison.Ordinal) + 2)..], (string?)runtime["version"]);
    }

    [Fact]
    public void App_RunsAsTheUserAssignedIdentity_ForStorageDeploymentAndKeyVault()
    {
        var app = template.One("Microsoft.Web/sites");
        Assert.Equal("functionapp,linux", (string?)app["kind"]);
        Assert.Equal("UserAssigned", (string?)app["identity"]?["type"]);
        Assert.Equal("api", (string?)app["tags"]?["azd-service-name"]);

        var properties = app["properties"]!;
        Assert.True((bool?)properties["httpsOnly"], "httpsOnly must be true");
        Assert.Contains("outputs.id", (string?)properties["keyVaultReferenceIdentity"], StringComparison.Ordinal);

        var deployment = properties["functionAppConfig"]!["deployment"]!["storage"]!;
        Assert.Equal("blobContainer", (string?)deployment["type"]);
        Assert.Equal("UserAssignedIdentity", (string?)deployment["authentication"]?["type"]);
        Assert.Equal((string?)properties["keyVaultReferenceIdentity"], (string?)deployment["authentication"]?["userAssignedIdentityResourceId"]);

        var scale = properties["functionAppConfig"]!["scaleAndConcurrency"]!;
        Assert.InRange((int)scale["maximumInstanceCount"]!, 40, 1000);
        Assert.Contains((int)scale["instanceMemoryMB"]!, InstanceMemorySizes);
    }
}
