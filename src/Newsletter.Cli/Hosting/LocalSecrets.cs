using System.Text.Json;
using Newsletter.Core.Subscriptions;

namespace Newsletter.Cli.Hosting;

/// <summary>
/// The secrets a local host needs (token signing key, address hash key), generated at random on
/// first use and kept in <c>{data}/secrets.json</c> (readable by the owner only), so links in old
/// outbox mails keep working across restarts. With <c>--in-memory</c> they live only as long as the
/// process. Never used in Azure, where the settings come from Key Vault.
/// </summary>
internal sealed record LocalSecrets(string TokenKey, string AddressHashKey)
{
    public const string KeyId = "local";
    public const string FileName = "secrets.json";

    public static LocalSecrets LoadOrCreate(string? dataDirectory)
    {
        if (dataDirectory is null)
        {
            return New();
        }

        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
        {
            var stored = JsonSerializer.Deserialize<LocalSecrets>(File.ReadAllText(path));
            if (stored is { TokenKey.Length: > 0, AddressHashKey.Length: > 0 })
            {
                return stored;
            }
        }

        var secrets = New();
        Directory.CreateDirectory(dataDirectory);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(secrets));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, path, overwrite: true);
        return secrets;
    }

    private static LocalSecrets New() => new(Secrets.NewKey(), Secrets.NewKey());
}
