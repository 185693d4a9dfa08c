namespace Newsletter.Deployment.Tests;

/// <summary>No storage account key or connection string is read or written anywhere in the deployment.</summary>
[Collection(TemplateCollection.Name)]
public class NoKeysTests(DeploymentTemplate template)
{
    [Theory]
    [InlineData("listKeys")]
    [InlineData("listAccountSas")]
    [InlineData("listServiceSas")]
    [InlineData("AccountKey=")]
    [InlineData("SharedAccessSignature=")]
    [InlineData("DefaultEndpointsProtocol=")]
    [InlineData("UseDevelopmentStorage")]
    public void CompiledTemplate_HasNo(string text)
    {
        Assert.NotNull(template.CompiledText);
        Assert.DoesNotContain(text, template.CompiledText, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(text, template.SnapshotText!, StringComparison.OrdinalIgnoreCase);
    }
}
