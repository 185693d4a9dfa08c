using Xunit.Abstractions;

namespace Newsletter.Deployment.Tests;

/// <summary>The templates compile with the real Bicep compiler and pass its linter with warnings treated as failures.</summary>
[Collection(TemplateCollection.Name)]
public class CompileTests(DeploymentTemplate template, ITestOutputHelper output)
{
    [Fact]
    public void MainBicep_Builds()
    {
        output.WriteLine($"bicep build: {template.Build.Elapsed.TotalSeconds:0.00} s");
        Assert.True(template.Build.ExitCode == 0, $"bicep build failed ({template.Build.ExitCode}):\n{template.Build.Diagnostics}");
        Assert.True(template.Build.Diagnostics.Length == 0, $"bicep build reported diagnostics:\n{template.Build.Diagnostics}");
        Assert.NotNull(template.Compiled);
    }

    [Fact]
    public void MainBicep_LintsWithoutWarningsOrErrors()
    {
        output.WriteLine($"bicep lint: {template.Lint.Elapsed.TotalSeconds:0.00} s");
        var diagnostics = (template.Lint.Output + "\n" + template.Lint.Error).Trim();
        Assert.True(template.Lint.ExitCode == 0 && diagnostics.Length == 0,
            $"bicep lint reported (exit code {template.Lint.ExitCode}):\n{diagnostics}");
    }

    [Fact]
    public void Linter_HasEveryRuleOnAsWarningOrError()
    {
        // A rule switched off or down to "info" would let its findings through the lint test unnoticed.
        var config = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(template.InfraFolder, "bicepconfig.json")))!;
        Assert.True((bool?)config["analyzers"]?["core"]?["enabled"] ?? true, "the core analyzer is disabled");
        var rules = config["analyzers"]!["core"]!["rules"]!.AsObject();
        Assert.Contains("use-recent-api-versions", rules.Select(r => r.Key));
        var weak = rules.Where(r => (string?)r.Value?["level"] is not ("warning" or "error")).Select(r => r.Key).ToArray();
        Assert.True(weak.Length == 0, $"Linter rules below warning: {string.Join(", ", weak)}");
    }

    [Fact]
    public void Snapshot_EvaluatesTheTemplate()
    {
        output.WriteLine($"bicep snapshot: {template.Snapshot.Elapsed.TotalSeconds:0.00} s");
        Assert.True(template.Snapshot.ExitCode == 0, $"bicep snapshot failed ({template.Snapshot.ExitCode}):\n{template.Snapshot.Output}\n{template.Snapshot.Error}");
        Assert.NotEmpty(template.Resources);
    }

    [Fact]
    public void NoRegistryModules()
    {
        // br/public: and ts: modules need a registry at build time; CI builds offline.
        var files = Directory.GetFiles(template.InfraFolder, "*.bicep", SearchOption.AllDirectories);
        var remote = files.Where(f => File.ReadAllText(f).Contains("'br", StringComparison.Ordinal) || File.ReadAllText(f).Contains("'ts:", StringComparison.Ordinal));
        Assert.Empty(remote);
    }

    [Fact]
    public void ParametersFile_MatchesTheTemplateParameters()
    {
        Assert.NotNull(template.Compiled);
        var declared = template.Compiled["parameters"]!.AsObject();
        var file = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(template.InfraFolder, "main.parameters.json")))!;
        var given = file["parameters"]!.AsObject().Select(p => p.Key).ToArray();

        var unknown = given.Where(p => !declared.ContainsKey(p)).ToArray();
        var required = declared.Where(p => p.Value?["defaultValue"] is null).Select(p => p.Key);
        var missing = required.Where(p => !given.Contains(p)).ToArray();
        Assert.True(unknown.Length == 0 && missing.Length == 0,
            $"main.parameters.json names unknown parameters [{string.Join(", ", unknown)}] and lacks required ones [{string.Join(", ", missing)}].");
    }
}
