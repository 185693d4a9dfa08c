using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Newsletter.Core.Updates;

namespace Newsletter.Infrastructure.Storage;

/// <summary>
/// Where an update's body (its HTML and its text) is kept. A body whose two parts fit a table column each is kept in
/// the update's row (<c>BodyHtml</c>, <c>BodyText</c>, <c>BodyInRow</c>): written with the row, in the same request
/// or transaction. A larger one is a blob of the <c>updates</c> container: <c>{id}.json</c>, or the blob the row's
/// <c>BodyBlob</c> names once its body was changed. A row with neither (rows written before bodies were kept in rows)
/// has its body in <c>{id}.json</c>.
/// </summary>
internal sealed class UpdateBodies(BlobContainerClient container)
{
    public const string Html = "BodyHtml";
    public const string Text = "BodyText";
    public const string InRow = "BodyInRow";
    public const string Blob = "BodyBlob";

    // Set on a row written after its body blob (an archive import): such a row never lacks its body.
    public const string BodyFirst = "BodyFirst";

    /// <summary>
    /// The longest part kept in the row, in UTF-16 code units: a table string column holds 64 KiB (32,768), and an
    /// entity 1 MiB, so two full columns leave room for the rest of the row.
    /// </summary>
    public const int MaxInRow = 32_000;

    /// <summary>The columns that say where a row's body is (and the body itself when it is in the row).</summary>
    public static readonly string[] LayoutColumns = [Html, Text, InRow, Blob, BodyFirst];

    private sealed record Body(string BodyHtml, string BodyText);

    public static bool FitsInRow(Update update) => update.BodyHtml.Length <= MaxInRow && update.BodyText.Length <= MaxInRow;

    public static bool IsInRow(TableEntity row) => row.GetBoolean(InRow) ?? false;

    public static void PutInRow(TableEntity entity, Update update)
    {
        entity[Html] = update.BodyHtml;
        entity[Text] = update.BodyText;
        entity[InRow] = true;
    }

    /// <summary>The row's body when it is in the row; null when it is in a blob.</summary>
    public static (string Html, string Text)? FromRow(TableEntity row) =>
        IsInRow(row) ? (row.GetString(Html) ?? string.Empty, row.GetString(Text) ?? string.Empty) : null;

    /// <summary>The blob holding the row's body, or null when the body is in the row.</summary>
    public static string? BlobOf(TableEntity row) => IsInRow(row) ? null : row.GetString(Blob) ?? DefaultBlob(row.RowKey);

    public static string DefaultBlob(string updateId) => updateId + ".json";

    /// <summary>
    /// The blob a changed large body goes to: its content's hash, then a part of its own, so no two saves ever write
    /// one name. The blob a save removes after its row no longer names it can then never be one a later save wrote for
    /// the same content (a body changed back), which a row would still name.
    /// </summary>
    public static string NewBlob(Update update) => $"{ContentPrefix(update)}{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}.json";

    /// <summary>Whether the blob (named by <see cref="NewBlob"/>, or <c>{id}.{hash}.json</c> before) holds the update's body.</summary>
    public static bool Holds(string? blobName, Update update) => blobName is not null && blobName.StartsWith(ContentPrefix(update), StringComparison.Ordinal);

    private static string ContentPrefix(Update update) =>
        $"{update.Id}.{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Serialize(update))))[..16]}.";

    /// <summary>Copies where the body is (and the body, if in the row) from a stored row to a row about to replace it.</summary>
    public static void CopyLayout(TableEntity from, TableEntity to)
    {
        foreach (var column in LayoutColumns)
        {
            if (from.TryGetValue(column, out var value) && value is not null)
            {
                to[column] = value;
            }
        }
    }

    public async Task WriteAsync(string blobName, Update update, CancellationToken cancellationToken) =>
        await container.GetBlobClient(blobName).UploadAsync(BinaryData.FromString(Serialize(update)), overwrite: true, cancellationToken);

    /// <summary>The body in the blob, or null when there is none (a body lost before a retry) or it cannot be read.</summary>
    public async Task<(string Html, string Text)?> ReadAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            var content = await container.GetBlobClient(blobName).DownloadContentAsync(cancellationToken);
            return StorageJson.Read<Body?>(content.Value.Content.ToString(), null) is { } body ? (body.BodyHtml, body.BodyText) : null;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Removes a blob no row names any more (a body moved into its row, or replaced). Nothing reads such a blob, so a
    /// failure here leaves only an unused blob behind and is not the caller's failure.
    /// </summary>
    public async Task DeleteUnusedAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            await container.DeleteBlobIfExistsAsync(blobName, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException)
        {
        }
    }

    /// <summary>
    /// An upper bound of the bytes a row takes in a table transaction's payload: the JSON writer escapes every
    /// character outside plain ASCII letters, digits and a few marks as \uXXXX (six bytes).
    /// </summary>
    public static long WireBytes(TableEntity entity)
    {
        long bytes = 256;
        foreach (var (name, value) in entity)
        {
            bytes += 16 + name.Length + (value is string s ? Escaped(s) : 64);
        }

        return bytes;
    }

    private static long Escaped(string value)
    {
        long bytes = 2;
        foreach (var c in value)
        {
            bytes += char.IsAsciiLetterOrDigit(c) || c is ' ' or '.' or ',' or ':' or ';' or '-' or '_' or '/' or '(' or ')' or '!' or '?' or '=' or '#' or '%' or '@' or '*' ? 1 : 6;
        }

        return bytes;
    }

    private static string Serialize(Update update) => StorageJson.Write(new Body(update.BodyHtml, update.BodyText));
}
