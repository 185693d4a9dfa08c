using Microsoft.Extensions.Options;
using Newsletter.Core.Mail;
using CoreMail = Newsletter.Core.Mail.MailMessage;

namespace Newsletter.Infrastructure.Mail;

/// <summary>
/// The local mail transport: each message becomes one <c>.eml</c> file in the outbox folder, readable
/// by any mail program. Files are written under a temporary name and renamed, so a reader of the
/// folder never sees half a message.
/// </summary>
public sealed class OutboxMailSender(IOptions<MailOptions> options, TimeProvider time) : IMailSender
{
    /// <summary>The longest line 8bit allows (RFC 5322: 998 characters before the line break).</summary>
    private const int MaxLineLength = 998;

    public string Folder { get; } = ResolveFolder(options.Value.Outbox);

    public static string ResolveFolder(string? configured) => string.IsNullOrWhiteSpace(configured)
        ? Path.Combine(Environment.CurrentDirectory, ".data", "outbox")
        : Path.GetFullPath(configured);

    public async Task SendAsync(CoreMail message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var mime = MimeMail.Create(message, time.GetUtcNow());

        // Each part declares how it is encoded, as a relay's copy would: 8bit for UTF-8 text, quoted-printable
        // only for a line too long for 8bit (over 998 characters). Undeclared, 8-bit text counts as 7bit, which
        // strict mail readers refuse to decode. Lines up to that limit stay whole, so a long link (a token's)
        // can still be copied from the file as written.
        mime.Prepare(MimeKit.EncodingConstraint.EightBit, MaxLineLength);
        Directory.CreateDirectory(Folder);
        var name = $"{time.GetUtcNow():yyyyMMdd-HHmmssfff}-{Guid.NewGuid():N}";
        var temporary = Path.Combine(Folder, name + ".tmp");
        await using (var file = File.Create(temporary))
        {
            await mime.WriteToAsync(file, cancellationToken);
        }

        File.Move(temporary, Path.Combine(Folder, name + ".eml"));
    }
}
