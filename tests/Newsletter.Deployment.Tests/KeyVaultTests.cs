namespace Newsletter.Deployment.Tests;

/// <summary>Secrets live in Key Vault (RBAC mode) only; the app gets them through Key Vault references.</summary>
[Collection(TemplateCollection.Name)]
public class KeyVaultTests(DeploymentTemplate template)
{
    private const string Reference = "@Microsoft.KeyVault(SecretUri=";

    /// <summary>
    /// Secrets provisioned before the code that reads them exists; each must be referenced by an app
    /// setting as soon as that code lands.
    /// </summary>
    private static readonly string[] AllSecrets = ["sendgrid-api-key", "sendgrid-webhook-public-key", "smtp-password", "token-signing-keys", "address-hash-key"];

    public static readonly IReadOnlyList<string> SecretsAheadOfCode = [];

    [Fact]
    public void Vault_UsesRbac()
    {
        var vault = template.One("Microsoft.KeyVault/vaults");
        Assert.True((bool?)vault["properties"]?["enableRbacAuthorization"], "enableRbacAuthorization must be true");
        Assert.Null(vault["properties"]?["accessPolicies"]);
    }

    [Fact]
    public void TheSecrets_Exist_AndAreWrittenOnlyWhenGiven()
    {
        var secrets = template.OfType("Microsoft.KeyVault/vaults/secrets").ToArray();
        Assert.Equal(
            AllSecrets.Order(StringComparer.Ordinal),
            secrets.Select(s => ((string)s["name"]!).Split('/')[^1]).Order(StringComparer.Ordinal));

        // An empty parameter leaves the secret alone, so a redeployment never wipes a value set by hand.
        Assert.All(secrets, s => Assert.Contains("not(empty(", (string?)s["condition"], StringComparison.Ordinal));
    }

    [Fact]
    public void EverySecret_IsReadThroughAKeyVaultReference()
    {
        var settings = template.AppSettings();
        var secretNames = template.OfType("Microsoft.KeyVault/vaults/secrets").Select(s => ((string)s["name"]!).Split('/')[^1]);
        foreach (var secret in secretNames)
        {
            var referencing = settings.Where(s => s.Value.Contains(Reference, StringComparison.Ordinal) && s.Value.Contains($"'{secret}'", StringComparison.Ordinal)).ToArray();
            var expected = SecretsAheadOfCode.Contains(secret) ? 0 : 1;
            Assert.True(referencing.Length == expected,
                $"Secret {secret} is referenced by {referencing.Length} app settings; expected {expected}" +
                (expected == 0 ? " (it is listed in SecretsAheadOfCode: remove it from there once code reads it)." : "."));
        }
    }

    [Fact]
    public void SecretBearingSettings_AreKeyVaultReferences()
    {
        var settings = template.AppSettings();
        string[] secretish = ["ApiKey", "PublicKey", "Tokens__Keys", "HashKey", "Secret", "Password"];
        var plain = settings
            .Where(s => secretish.Any(word => s.Key.Contains(word, StringComparison.OrdinalIgnoreCase)))
            .Where(s => !s.Value.Contains(Reference, StringComparison.Ordinal))
            .Select(s => s.Key)
            .ToArray();
        Assert.True(plain.Length == 0, $"Settings that hold secrets but are not Key Vault references: {string.Join(", ", plain)}");
    }

    [Fact]
    public void SecretValues_GoToKeyVaultOnly()
    {
        var settings = template.AppSettings();
        foreach (var (parameter, value) in DeploymentTemplate.SecretParameters)
        {
            Assert.DoesNotContain(settings, s => s.Value.Contains(value, StringComparison.Ordinal) || s.Value.Contains($"parameters('{parameter}')", StringComparison.Ordinal));
            Assert.DoesNotContain(value, template.SnapshotText!, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(template.Compiled!["outputs"]!.AsObject(), o => (string?)o.Value?["type"] is "securestring" or "secureObject");
    }
}
