// The mail target of bench/load.sh: a real SMTP server (the SmtpServer library, as the tests use) on loopback that
// accepts every message and writes one line per message to standard output: the Unix time it arrived, in
// milliseconds. The script counts the lines and takes the first and last times for the rate.
// Its sockets send at once (TCP_NODELAY): the library's own listener leaves Nagle's algorithm on, so its answers to
// pipelined commands (MailKit sends MAIL FROM and RCPT TO together) wait ~40 ms for a delayed ACK, a stall per
// message that real servers (Postfix answers a pipelined group in one write) do not have.
// Usage: dotnet MovieNews.SmtpSink.dll PORT
using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

var port = args.Length == 1 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var parsed) ? parsed : throw new ArgumentException("Usage: MovieNews.SmtpSink PORT");
var options = new SmtpServerOptionsBuilder()
    .ServerName("localhost")
    .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
    .Build();
var services = new SmtpServer.ComponentModel.ServiceProvider();
services.Add(new ArrivalLog());
services.Add(new NoDelayListenerFactory());
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
try
{
    await new SmtpServer.SmtpServer(options, services).StartAsync(stop.Token);
}
catch (OperationCanceledException)
{
    // Stopped by the script.
}

internal sealed class ArrivalLog : MessageStore
{
    private readonly Lock _write = new();

    public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        lock (_write)
        {
            Console.Out.WriteLine(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
            Console.Out.Flush();
        }

        return Task.FromResult(SmtpResponse.Ok);
    }
}

internal sealed class NoDelayListenerFactory : IEndpointListenerFactory
{
    public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
    {
        var listener = new TcpListener(endpointDefinition.Endpoint);
        listener.Start();
        return new NoDelayListener(listener);
    }
}

internal sealed class NoDelayListener(TcpListener listener) : IEndpointListener, IDisposable
{
    public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
    {
        var client = await listener.AcceptTcpClientAsync(cancellationToken);
        client.NoDelay = true;
        return new PlainPipe(client);
    }

    public void Dispose() => listener.Stop();
}

/// <summary>A plain-text connection as a pipe (the bench never upgrades to TLS).</summary>
internal sealed class PlainPipe : ISecurableDuplexPipe
{
    private readonly TcpClient _client;
    private Stream _stream;

    public PlainPipe(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
        Input = PipeReader.Create(_stream);
        Output = PipeWriter.Create(_stream);
    }

    public PipeReader Input { get; private set; }
    public PipeWriter Output { get; private set; }
    public bool IsSecure => _stream is SslStream;
    public SslProtocols SslProtocol => (_stream as SslStream)?.SslProtocol ?? SslProtocols.None;

    public async Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default)
    {
        var secure = new SslStream(_stream, leaveInnerStreamOpen: true);
        await secure.AuthenticateAsServerAsync(certificate, clientCertificateRequired: false, protocols, checkCertificateRevocation: false);
        _stream = secure;
        Input = PipeReader.Create(_stream);
        Output = PipeWriter.Create(_stream);
    }

    public void Dispose()
    {
        _stream.Dispose();
        _client.Dispose();
    }
}
