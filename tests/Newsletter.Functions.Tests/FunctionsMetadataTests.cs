using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Newsletter.Testing;

namespace Newsletter.Functions.Tests;

/// <summary>
/// The Functions host knows the app only through the functions.metadata the Worker SDK generates at
/// build time. These tests publish the real app and hold that file against the attributes in code.
/// </summary>
public class FunctionsMetadataTests : IClassFixture<FunctionsMetadataTests.PublishedApp>
{
    private readonly PublishedApp _app;

    public FunctionsMetadataTests(PublishedApp app) => _app = app;

    public sealed class PublishedApp : IDisposable
    {
        public PublishedApp()
        {
            Folder = Directory.CreateTempSubdirectory("functionapp-publish-").FullName;
            var project = Path.Combine(RepositoryPaths.Root, "src", "Newsletter.FunctionApp", "Newsletter.FunctionApp.csproj");
            var info = new ProcessStartInfo("dotnet", ["publish", project, "-c", "Release", "-o", Folder, "--nologo", "-v", "q"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                process.Kill(true);
                throw new TimeoutException("dotnet publish of the Functions app took over 5 minutes.");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}):\n{output.Result}\n{error.Result}");
            }

            Metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "functions.metadata")));
        }

        public string Folder { get; }
        public JsonDocument Metadata { get; }

        public void Dispose()
        {
            Metadata.Dispose();
            Directory.Delete(Folder, recursive: true);
        }
    }

    [Fact]
    public void PublishOutput_HasHostJson_AndTheWorkerEntryPoint()
    {
        Assert.True(File.Exists(Path.Combine(_app.Folder, "host.json")));
        Assert.True(File.Exists(Path.Combine(_app.Folder, "Newsletter.FunctionApp.dll")));
        var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(_app.Folder, "host.json")));
        Assert.Equal("2.0", hostJson.RootElement.GetProperty("version").GetString());
        // Pages sit at the root of the site; every route names its own prefix (api/... for JSON).
        Assert.Equal("", hostJson.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        Assert.False(File.Exists(Path.Combine(_app.Folder, "local.settings.json")), "local settings must never be published");
    }

    [Fact]
    public void PublishOutput_ShipsNoLocalTooling_AndExportsTelemetryThroughOpenTelemetry()
    {
        // The Azurite launcher, the Node watchdog and the child processes belong to the local host only.
        Assert.False(File.Exists(Path.Combine(_app.Folder, "Newsletter.LocalHosting.dll")), "the local tooling was published with the app");
        using var stream = File.OpenRead(Path.Combine(_app.Folder, "Newsletter.Infrastructure.dll"));
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        var types = metadata.TypeDefinitions.Select(t => metadata.GetString(metadata.GetTypeDefinition(t).Name)).ToArray();
        Assert.DoesNotContain("AzuriteServer", types);
        Assert.DoesNotContain("NodeWatchdog", types);

        // One telemetry path: the Azure Monitor exporter under OpenTelemetry, not the Application Insights SDK beside it.
        Assert.True(File.Exists(Path.Combine(_app.Folder, "Azure.Monitor.OpenTelemetry.Exporter.dll")));
        Assert.False(File.Exists(Path.Combine(_app.Folder, "Microsoft.Azure.Functions.Worker.ApplicationInsights.dll")));
        var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(_app.Folder, "host.json")));
        Assert.Equal("OpenTelemetry", hostJson.RootElement.GetProperty("telemetryMode").GetString());
    }

    [Fact]
    public void Restore_OfTheWorkerSdksExtensionsProject_ReportsNoWarnings()
    {
        // The Worker SDK restores a project of its own for the host's extensions, outside this repository's props;
        // the app pins what it asks for, so that restore is as clean as the rest (no NU1603 taking another version).
        var assets = Path.Combine(RepositoryPaths.Root, "src", "Newsletter.FunctionApp", "obj", "Release", "net10.0", "WorkerExtensions", "obj", "project.assets.json");
        using var restored = JsonDocument.Parse(File.ReadAllText(assets));
        var logs = restored.RootElement.TryGetProperty("logs", out var entries) ? entries.EnumerateArray().Select(e => e.GetProperty("message").GetString()).ToArray() : [];
        Assert.Empty(logs);
    }

    [Fact]
    public void BuildOutput_HasHostJson_AndFunctionsMetadata()
    {
        var output = RepositoryPaths.OutputOf("Newsletter.FunctionApp");
        Assert.True(File.Exists(Path.Combine(output, "host.json")), $"host.json missing in {output}");
        Assert.True(File.Exists(Path.Combine(output, "functions.metadata")), $"functions.metadata missing in {output}");
    }

    [Fact]
    public void Metadata_ListsEveryFunction_WithItsTriggerAndBindingSettings()
    {
        var declared = typeof(Health).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .Select(m => (Method: m, Function: m.GetCustomAttribute<FunctionAttribute>()))
            .Where(x => x.Function is not null)
            .ToDictionary(x => x.Function!.Name, x => x.Method);
        var listed = _app.Metadata.RootElement.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);

        Assert.Equal(declared.Keys.Order(), listed.Keys.Order());
        foreach (var (name, method) in declared)
        {
            var entry = listed[name];
            Assert.Equal("dotnet-isolated", entry.GetProperty("language").GetString());
            Assert.Equal("Newsletter.Functions.dll", entry.GetProperty("scriptFile").GetString());
            Assert.Equal($"{method.DeclaringType!.FullName}.{method.Name}", entry.GetProperty("entryPoint").GetString());
            var trigger = entry.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            AssertTrigger(name, method, trigger);
        }
    }

    private static void AssertTrigger(string name, MethodInfo method, JsonElement binding)
    {
        foreach (var parameter in method.GetParameters())
        {
            switch (parameter.GetCustomAttributes().FirstOrDefault())
            {
                case HttpTriggerAttribute http:
                    Assert.Equal("httpTrigger", binding.GetProperty("type").GetString());
                    Assert.Equal(http.Route, binding.GetProperty("route").GetString());
                    Assert.Equal(http.Methods!.Order(), binding.GetProperty("methods").EnumerateArray().Select(m => m.GetString()!).Order());
                    Assert.Equal(http.AuthLevel.ToString(), binding.GetProperty("authLevel").GetString());
                    return;
                case BlobTriggerAttribute blob:
                    Assert.Equal("blobTrigger", binding.GetProperty("type").GetString());
                    Assert.Equal(blob.BlobPath, binding.GetProperty("path").GetString());
                    Assert.Equal(blob.Connection, binding.GetProperty("connection").GetString());
                    return;
                case QueueTriggerAttribute queue:
                    Assert.Equal("queueTrigger", binding.GetProperty("type").GetString());
                    Assert.Equal(queue.QueueName, binding.GetProperty("queueName").GetString());
                    Assert.Equal(queue.Connection, binding.GetProperty("connection").GetString());
                    // A queue-triggered function takes its message type, which the worker reads from the message's JSON;
                    // a string would ask the host for the bare text (dataType String) and leave the reading to the function.
                    Assert.NotEqual(typeof(string), parameter.ParameterType);
                    Assert.False(binding.TryGetProperty("dataType", out var dataType), $"{name} binds its message as {dataType}");
                    return;
                case TimerTriggerAttribute timer:
                    Assert.Equal("timerTrigger", binding.GetProperty("type").GetString());
                    Assert.Equal(timer.Schedule, binding.GetProperty("schedule").GetString());
                    return;
            }
        }

        Assert.Fail($"{name} has no trigger attribute the test knows.");
    }
}
