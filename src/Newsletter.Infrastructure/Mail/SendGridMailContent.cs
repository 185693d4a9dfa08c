using System.Net;
using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Newsletter.Core.Delivery;

namespace Newsletter.Infrastructure.Mail;

/// <summary>
/// The body of a SendGrid v3 <c>mail/send</c> request, written from a <see cref="BulkMessage"/> straight
/// to the request stream: the same JSON the SDK's <c>SendGridMessage.Serialize()</c> produces, without the
/// SDK model, the ~0.5 MB string of a 1,000-personalization chunk or its UTF-8 copy.
/// </summary>
/// <remarks>
/// The length is measured by writing the body once to a stream that only counts (about half a
/// millisecond for 1,000 personalizations), so the request carries a Content-Length as the SDK's does
/// and no proxy or gateway has to accept a chunked upload. Every call of
/// <see cref="SerializeToStreamAsync(Stream, TransportContext?, CancellationToken)"/> writes the whole body
/// again from the message, so the retry handler can send the same request more than once.
/// </remarks>
public sealed class SendGridMailContent : HttpContent
{
    /// <summary>Pending output is written to the stream once it passes this, so the writer's buffer stays small.</summary>
    private const int FlushThreshold = 16 * 1024;

    /// <summary>
    /// The rendering goes out in slices this long: a string value is escaped and transcoded into the writer's
    /// buffer in one piece, and a whole 25 KB HTML part would grow it onto the large object heap.
    /// </summary>
    private const int SegmentLength = 2048;

    // The body goes to an API, never into an HTML page or script, so HTML-sensitive characters (<, >, &, ')
    // and non-ASCII text need no escaping; quotes, backslashes and control characters always are escaped,
    // so any string still makes valid JSON (lone surrogates become U+FFFD, as the SDK's UTF-8 encoding does).
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly BulkMessage _message;

    public SendGridMailContent(BulkMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        _message = message;
        // As the SDK sends it: application/json without a charset.
        Headers.ContentType = new MediaTypeHeaderValue("application/json");
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var message = _message;
        await using var writer = new Utf8JsonWriter(stream, WriterOptions);

        // The SDK's property order: from, subject, personalizations, content, headers, categories.
        writer.WriteStartObject();
        writer.WritePropertyName("from");
        WriteAddress(writer, message.FromAddress, message.FromName);
        writer.WriteString("subject", message.Subject);

        writer.WriteStartArray("personalizations");
        foreach (var p in message.Personalizations)
        {
            writer.WriteStartObject();
            writer.WriteStartArray("to");
            WriteAddress(writer, p.Address, p.Name);
            writer.WriteEndArray();
            WriteStrings(writer, "headers", p.Headers);
            WriteStrings(writer, "substitutions", p.Substitutions);
            WriteStrings(writer, "custom_args", p.CustomArgs);
            writer.WriteEndObject();
            await FlushIfFullAsync(writer, cancellationToken);
        }

        writer.WriteEndArray();

        // The SDK drops an empty part when it has both, and puts text/plain first.
        writer.WriteStartArray("content");
        await WriteContentAsync(writer, "text/plain", message.Text, cancellationToken);
        await WriteContentAsync(writer, "text/html", message.Html, cancellationToken);
        writer.WriteEndArray();

        WriteStrings(writer, "headers", message.Headers);
        writer.WriteStartArray("categories");
        foreach (var category in message.Categories)
        {
            writer.WriteStringValue(category);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        using var counter = new CountingStream();
        // The counting stream completes every write at once, so this never blocks on I/O.
        SerializeToStreamAsync(counter, null, CancellationToken.None).GetAwaiter().GetResult();
        length = counter.Length;
        return true;
    }

    /// <summary>A write-only stream that keeps nothing but the number of bytes written.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;

        public override long Position
        {
            get => _length;
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            _length += count;
            return Task.CompletedTask;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }

    private static void WriteAddress(Utf8JsonWriter writer, string email, string? name)
    {
        writer.WriteStartObject();
        if (name is not null)
        {
            writer.WriteString("name", name);
        }

        writer.WriteString("email", email);
        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, string propertyName, IReadOnlyDictionary<string, string> values)
    {
        writer.WriteStartObject(propertyName);
        foreach (var (key, value) in values)
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }

    private static async ValueTask WriteContentAsync(Utf8JsonWriter writer, string type, string value, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("type", type);
        writer.WritePropertyName("value");
        for (var start = 0; start < value.Length; start += SegmentLength)
        {
            var length = Math.Min(SegmentLength, value.Length - start);
            writer.WriteStringValueSegment(value.AsSpan(start, length), isFinalSegment: start + length == value.Length);
            await FlushIfFullAsync(writer, cancellationToken);
        }

        writer.WriteEndObject();
    }

    private static ValueTask FlushIfFullAsync(Utf8JsonWriter writer, CancellationToken cancellationToken) =>
        writer.BytesPending >= FlushThreshold ? new ValueTask(writer.FlushAsync(cancellationToken)) : ValueTask.CompletedTask;
}
