using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Newsletter.Core.Delivery;

namespace Newsletter.Infrastructure.Mail;

/// <summary>
/// The body of a SendGrid v3 <c>mail/send</c> request, written from a <see cref="BulkMessage"/> with
/// <see cref="Utf8JsonWriter"/>: the same JSON the SDK's <c>SendGridMessage.Serialize()</c> produces,
/// without the SDK model, the ~0.5 MB string of a 1,000-personalization chunk or its UTF-8 copy.
/// </summary>
/// <remarks>
/// The body is written once, when the client first asks for its length (so the request carries a
/// Content-Length, as the SDK's does, and no proxy has to accept a chunked upload) or for its bytes,
/// into buffers rented from the shared array pool; every send, retries included, sends those bytes.
/// The buffers go back to the pool when the request is disposed.
/// </remarks>
public sealed class SendGridMailContent : HttpContent
{
    // The body goes to an API, never into an HTML page or script, so HTML-sensitive characters (<, >, &, ')
    // and non-ASCII text need no escaping; quotes, backslashes and control characters always are escaped,
    // so any string still makes valid JSON (lone surrogates become U+FFFD, as the SDK's UTF-8 encoding does).
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly BulkMessage _message;
    private PooledBuffer? _written;

    public SendGridMailContent(BulkMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        _message = message;
        // As the SDK sends it: application/json without a charset.
        Headers.ContentType = new MediaTypeHeaderValue("application/json");
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        await stream.WriteAsync(Written().WrittenMemory, cancellationToken);

    protected override bool TryComputeLength(out long length)
    {
        length = Written().WrittenMemory.Length;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _written?.Dispose();
            _written = null;
        }

        base.Dispose(disposing);
    }

    private PooledBuffer Written()
    {
        if (_written is null)
        {
            // About what a personalization takes (links, headers, ids) plus the rendering: most bodies fit at once.
            var estimate = (long)_message.Html.Length + _message.Text.Length + (_message.Personalizations.Count * 1024L) + 4096;
            var buffer = new PooledBuffer((int)Math.Min(estimate, 16 * 1024 * 1024));
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                Write(writer, _message);
            }

            _written = buffer;
        }

        return _written;
    }

    private static void Write(Utf8JsonWriter writer, BulkMessage message)
    {
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
        }

        writer.WriteEndArray();

        // The SDK drops an empty part when it has both, and puts text/plain first.
        writer.WriteStartArray("content");
        WriteContent(writer, "text/plain", message.Text);
        WriteContent(writer, "text/html", message.Html);
        writer.WriteEndArray();

        WriteStrings(writer, "headers", message.Headers);
        writer.WriteStartArray("categories");
        foreach (var category in message.Categories)
        {
            writer.WriteStringValue(category);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
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
        if (values is Dictionary<string, string> dictionary)
        {
            // The struct enumerator: no boxed enumerator for each of the 3,000 dictionaries of a chunk.
            foreach (var (key, value) in dictionary)
            {
                writer.WriteString(key, value);
            }
        }
        else
        {
            foreach (var (key, value) in values)
            {
                writer.WriteString(key, value);
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteContent(Utf8JsonWriter writer, string type, string value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("type", type);
        writer.WriteString("value", value);
        writer.WriteEndObject();
    }

    /// <summary>A growing buffer of arrays rented from the shared pool: the body of one request, returned when the content is disposed.</summary>
    private sealed class PooledBuffer(int initialSize) : IBufferWriter<byte>, IDisposable
    {
        private byte[] _array = ArrayPool<byte>.Shared.Rent(initialSize);
        private int _count;

        public ReadOnlyMemory<byte> WrittenMemory => _array.AsMemory(0, _count);

        public void Advance(int count) => _count += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Grow(sizeHint);
            return _array.AsMemory(_count);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Grow(sizeHint);
            return _array.AsSpan(_count);
        }

        private void Grow(int sizeHint)
        {
            if (_array.Length - _count >= Math.Max(sizeHint, 1))
            {
                return;
            }

            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_array.Length * 2, _count + sizeHint));
            _array.AsSpan(0, _count).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_array);
            _array = larger;
        }

        public void Dispose()
        {
            ArrayPool<byte>.Shared.Return(_array);
            _array = [];
            _count = 0;
        }
    }
}
