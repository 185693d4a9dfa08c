using System.Diagnostics;
using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Newsletter.Testing;

namespace Newsletter.Deployment.Tests;

/// <summary>
/// Blob triggers in Azure use the Event Grid source (Flex Consumption does not poll containers). The
/// template makes the system topic; infra/scripts/post-deploy.sh makes the subscription for each
/// blob-triggered function, after deployment, because its URL needs the blobs_extension key.
/// </summary>
[Collection(TemplateCollection.Name)]
public class EventGridTests(DeploymentTemplate template)
{
    private static readonly string PostDeployScript = Path.Combine(RepositoryPaths.Root, "infra", "scripts", "post-deploy.sh");

    public static IEnumerable<(string Function, BlobTriggerAttribute Trigger)> BlobTriggers() =>
        from method in CodeSettings.FunctionMethods
        from parameter in method.GetParameters()
        let trigger = parameter.GetCustomAttribute<BlobTriggerAttribute>()
        where trigger is not null
        select (method.GetCustomAttribute<FunctionAttribute>()!.Name, trigger);

    [Fact]
    public void BlobTriggers_UseTheEventGridSource()
    {
        var polling = BlobTriggers().Where(b => b.Trigger.Source != BlobTriggerSource.EventGrid).Select(b => b.Function).ToArray();
        Assert.True(polling.Length == 0,
            $"Blob triggers without Source = BlobTriggerSource.EventGrid (Flex Consumption supports only that): {string.Join(", ", polling)}");
    }

    [Fact]
    public void PostDeployScript_SubscribesEveryBlobTrigger()
    {
        var script = File.ReadAllText(PostDeployScript);
        foreach (var (function, trigger) in BlobTriggers())
        {
            var container = trigger.BlobPath!.Split('/')[0];
            Assert.True(script.Contains($"subscribe_blob_trigger {function} {container}", StringComparison.Ordinal),
                $"infra/scripts/post-deploy.sh has no 'subscribe_blob_trigger {function} {container}' line: blob uploads would never reach {function}.");
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void PostDeployScript_IsExecutable_AndParses()
    {
        Assert.True((File.GetUnixFileMode(PostDeployScript) & UnixFileMode.UserExecute) != 0, "post-deploy.sh is not executable");
        using var bash = Process.Start(new ProcessStartInfo("bash", ["-n", PostDeployScript]) { RedirectStandardError = true })!;
        var errors = bash.StandardError.ReadToEnd();
        bash.WaitForExit();
        Assert.True(bash.ExitCode == 0, $"bash -n post-deploy.sh: {errors}");
    }

    [Fact]
    public void SystemTopic_IsOnTheStorageAccount()
    {
        var topic = template.One("Microsoft.EventGrid/systemTopics");
        Assert.Equal("Microsoft.Storage.StorageAccounts", (string?)topic["properties"]?["topicType"]);
        // The storage module's id output: the topic waits for the account without a dependsOn.
        var source = (string?)topic["properties"]?["source"];
        Assert.Contains("'Microsoft.Resources/deployments', format('storage-", source, StringComparison.Ordinal);
        Assert.EndsWith(".outputs.id.value]", source, StringComparison.Ordinal);
    }

    [Fact]
    public void AzureYaml_DeploysTheFunctionApp_AndRunsThePostDeployScript()
    {
        var yaml = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "azure.yaml"));
        Assert.Contains("project: ./src/Newsletter.FunctionApp", yaml, StringComparison.Ordinal);
        Assert.Contains("host: function", yaml, StringComparison.Ordinal);
        Assert.Contains("language: dotnet", yaml, StringComparison.Ordinal);
        Assert.Contains("run: ./infra/scripts/post-deploy.sh", yaml, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(RepositoryPaths.Root, "src", "Newsletter.FunctionApp", "Newsletter.FunctionApp.csproj")));
    }
}
