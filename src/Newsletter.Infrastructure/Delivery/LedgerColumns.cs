using Azure.Data.Tables;
using Newsletter.Core.Delivery;

namespace Newsletter.Infrastructure.Delivery;

/// <summary>
/// How a ledger row packs its readers: reader ids as 16 bytes each in one binary column, a remainder's
/// recipients as UTF-8 lines split over binary columns of <see cref="ColumnBytes"/>.
/// </summary>
internal static class LedgerColumns
{
    /// <summary>
    /// Bytes per recipients column: a column may hold 64 KiB, but the client reads a binary value as a base64
    /// string first, and 30,000 bytes keep that string (80 KB) off the large object heap.
    /// </summary>
    private const int ColumnBytes = 30_000;

    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    /// <summary>Reader ids are 32 lower-case hex digits, packed as 16 bytes each; other ids (test data) are kept as UTF-8 lines.</summary>
    internal static (byte[] Bytes, bool Packed) PackIds(IReadOnlyList<string> ids)
    {
        var bytes = new byte[ids.Count * 16];
        for (var i = 0; i < ids.Count; i++)
        {
            var id = ids[i];
            if (id.Length != 32 || id.AsSpan().ContainsAnyExcept(LowerHex)
                || Convert.FromHexString(id, bytes.AsSpan(i * 16, 16), out _, out _) != System.Buffers.OperationStatus.Done)
            {
                return (System.Text.Encoding.UTF8.GetBytes(string.Join('\n', ids)), false);
            }
        }

        return (bytes, true);
    }

    /// <summary>One line per recipient, in the order of the reader ids: address and name separated by a tab (neither holds a tab or a line break).</summary>
    internal static List<byte[]> PackRecipients(IReadOnlyList<Recipient> recipients)
    {
        // Written straight into column-sized arrays: no string or array of the whole remainder on the way.
        var columns = new List<byte[]>();
        if (recipients.Count == 0)
        {
            return columns;
        }

        var column = new byte[ColumnBytes];
        var at = 0;
        Span<byte> buffer = stackalloc byte[1024];
        for (var i = 0; i < recipients.Count; i++)
        {
            var recipient = recipients[i];
            var most = System.Text.Encoding.UTF8.GetMaxByteCount(recipient.Address.Length + (recipient.Name?.Length ?? 0)) + 2;
            var line = most <= buffer.Length ? buffer : new byte[most];
            var length = 0;
            if (i > 0)
            {
                line[length++] = (byte)'\n';
            }

            length += System.Text.Encoding.UTF8.GetBytes(recipient.Address, line[length..]);
            line[length++] = (byte)'\t';
            length += System.Text.Encoding.UTF8.GetBytes(recipient.Name ?? string.Empty, line[length..]);
            for (var written = 0; written < length;)
            {
                if (at == ColumnBytes)
                {
                    columns.Add(column);
                    column = new byte[ColumnBytes];
                    at = 0;
                }

                var part = Math.Min(length - written, ColumnBytes - at);
                line.Slice(written, part).CopyTo(column.AsSpan(at));
                written += part;
                at += part;
            }
        }

        columns.Add(column.AsSpan(0, at).ToArray());
        return columns;
    }

    internal static Recipient[] UnpackRecipients(TableEntity entity, string[] ids)
    {
        var parts = new List<byte[]>();
        for (var column = 0; entity.GetBinary($"Recipients{column}") is { } part; column++)
        {
            parts.Add(part);
        }

        var total = parts.Sum(p => p.Length);
        if (total == 0)
        {
            return [];
        }

        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(total);
        try
        {
            var at = 0;
            foreach (var part in parts)
            {
                part.CopyTo(buffer, at);
                at += part.Length;
            }

            var recipients = new Recipient[ids.Length];
            ReadOnlySpan<byte> rest = buffer.AsSpan(0, total);
            for (var i = 0; i < ids.Length; i++)
            {
                var end = rest.IndexOf((byte)'\n');
                var line = end < 0 ? rest : rest[..end];
                var tab = line.IndexOf((byte)'\t');
                if (tab < 0 || (end < 0) != (i == ids.Length - 1))
                {
                    throw new InvalidDataException($"Ledger row {entity.PartitionKey}/{entity.RowKey} does not hold one recipient line for each of its {ids.Length} readers.");
                }

                recipients[i] = new Recipient(ids[i], System.Text.Encoding.UTF8.GetString(line[..tab]),
                    tab == line.Length - 1 ? null : System.Text.Encoding.UTF8.GetString(line[(tab + 1)..]));
                rest = end < 0 ? [] : rest[(end + 1)..];
            }

            return recipients;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    internal static string[] UnpackIds(byte[] bytes, bool packed)
    {
        if (bytes.Length == 0)
        {
            return [];
        }

        if (!packed)
        {
            return System.Text.Encoding.UTF8.GetString(bytes).Split('\n');
        }

        var ids = new string[bytes.Length / 16];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = Convert.ToHexStringLower(bytes, i * 16, 16);
        }

        return ids;
    }
}
