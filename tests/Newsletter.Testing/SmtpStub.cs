using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Newsletter.Testing;

/// <summary>What the SMTP stub does with one message instead of taking it.</summary>
public enum SmtpStubFault
{
    None,

    /// <summary><c>550 5.1.1</c> to <c>RCPT TO</c>: the recipient is refused for good.</summary>
    RefuseRecipient,

    /// <summary><c>451 4.3.0</c> to <c>MAIL FROM</c>: nothing more for now.</summary>
    TryLater,

    /// <summary>Hangs up on <c>MAIL FROM</c>: the message was certainly not taken.</summary>
    DropBeforeData,

    /// <summary>Reads the whole message, then hangs up without an answer: the client cannot know whether it was taken.</summary>
    DropAfterData,
}

/// <summary>
/// A scripted SMTP server on loopback for the failures maildev cannot produce: refused recipients,
/// "try later", connections lost before or after a message's data, and a server that never greets.
/// It speaks the plain RFC 5321 commands (no extensions) and records the recipients of what it took.
/// </summary>
public sealed class SmtpStub : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _messages;

    public SmtpStub()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public const string Host = "127.0.0.1";
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Decides the fate of message number n (1-based, counted by <c>MAIL FROM</c> over all connections).</summary>
    public Func<int, SmtpStubFault> Faults { get; set; } = _ => SmtpStubFault.None;

    /// <summary>When set, the stub accepts connections but never says a word.</summary>
    public bool Silent { get; set; }

    /// <summary>The recipients of the messages taken (answered 250 after the data), in order.</summary>
    public ConcurrentQueue<string> Accepted { get; } = new();

    public int Messages => Volatile.Read(ref _messages);

    private async Task AcceptAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                connections.Add(ServeAsync(client));
            }
        }
        catch (OperationCanceledException)
        {
        }

        await Task.WhenAll(connections);
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                await ConverseAsync(client.GetStream());
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException)
            {
            }
        }
    }

    private async Task ConverseAsync(NetworkStream stream)
    {
        var token = _stop.Token;
        using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
        async Task Say(string line) => await stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"), token);

        if (Silent)
        {
            await reader.ReadLineAsync(token);
            return;
        }

        await Say("220 stub.example.org ESMTP");
        var fault = SmtpStubFault.None;
        string? recipient = null;
        while (await reader.ReadLineAsync(token) is { } line)
        {
            var verb = line.Split(' ', ':')[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO" or "HELO":
                    await Say("250 stub.example.org");
                    break;
                case "MAIL":
                    fault = Faults(Interlocked.Increment(ref _messages));
                    recipient = null;
                    if (fault == SmtpStubFault.DropBeforeData)
                    {
                        return;
                    }

                    await Say(fault == SmtpStubFault.TryLater ? "451 4.3.0 Try again later" : "250 2.1.0 OK");
                    break;
                case "RCPT":
                    if (fault == SmtpStubFault.RefuseRecipient)
                    {
                        await Say("550 5.1.1 No such user here");
                    }
                    else
                    {
                        recipient = line[(line.IndexOf('<', StringComparison.Ordinal) + 1)..line.IndexOf('>', StringComparison.Ordinal)];
                        await Say("250 2.1.5 OK");
                    }

                    break;
                case "DATA":
                    await Say("354 End data with <CR><LF>.<CR><LF>");
                    while (await reader.ReadLineAsync(token) is { } data && data != ".")
                    {
                    }

                    if (fault == SmtpStubFault.DropAfterData)
                    {
                        return;
                    }

                    Accepted.Enqueue(recipient!);
                    await Say("250 2.0.0 Queued");
                    break;
                case "RSET" or "NOOP":
                    await Say("250 2.0.0 OK");
                    break;
                case "QUIT":
                    await Say("221 2.0.0 Bye");
                    return;
                default:
                    await Say("502 5.5.2 Command not implemented");
                    break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
