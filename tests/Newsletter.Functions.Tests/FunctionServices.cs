using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Newsletter.Core.Mail;
using Newsletter.Infrastructure.Storage;
using Newsletter.Testing;

namespace Newsletter.Functions.Tests;

/// <summary>The function classes' service container as the app composes it, on a fresh Azurite account with its storage provisioned.</summary>
internal static class FunctionServices
{
    public static readonly string Key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    /// <summary>The app's settings for tests (base URL, keys) with <paramref name="settings"/> over them; mail goes to <paramref name="mail"/> when given.</summary>
    public static async Task<ServiceProvider> StartAsync(AzuriteFixture azurite, IMailSender? mail = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var all = new Dictionary<string, string?>
        {
            ["NewsletterStorage"] = azurite.NewAccount(),
            ["App:BaseUrl"] = "https://news.example.org",
            ["Subscriptions:AddressHashKey"] = Key,
            ["Tokens:Keys"] = "k1:" + Key,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var services = new ServiceCollection().AddLogging();
        if (mail is not null)
        {
            services.AddSingleton(mail);
        }

        var provider = services.AddSingleton<IConfiguration>(configuration).AddNewsletterFunctions(configuration).BuildServiceProvider();
        await provider.GetRequiredService<StorageProvisioner>().EnsureCreatedAsync(CancellationToken.None);
        return provider;
    }
}
