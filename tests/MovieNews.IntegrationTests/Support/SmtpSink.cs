using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace MovieNews.IntegrationTests.Support;

/// <summary>
/// A real SMTP server (the SmtpServer library) on a free loopback port, keeping every message it accepts, parsed
/// with MimeKit, so tests read what the app really sent: headers, text and HTML parts, links. It can be stopped and
/// started again on the same port, as an outage would.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> _received = new();
    private SmtpServer.SmtpServer? _server;

    public SmtpSink()
    {
        // Port 0 lets the system choose a free port; the server then listens on it.
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Start();
    }

    public int Port { get; }

    public IReadOnlyList<MimeMessage> Messages => [.. _received];

    public IReadOnlyList<MimeMessage> To(string address) =>
        Messages.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();

    public void Start()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new KeepingStore(_received));
        _server = new SmtpServer.SmtpServer(options, services);
        _ = _server.StartAsync(CancellationToken.None);
    }

    public async Task StopAsync()
    {
        if (_server is { } server)
        {
            _server = null;
            server.Shutdown();
            await server.ShutdownTask;
        }
    }

    /// <summary>Waits (at most <paramref name="seconds"/>) until <paramref name="count"/> messages to the address have arrived.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(string address, int count = 1, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < until)
        {
            if (To(address) is { } found && found.Count >= count)
            {
                return found;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"{count} message(s) to {address} did not arrive; the sink holds: "
            + string.Join("; ", Messages.Select(m => $"{m.To} “{m.Subject}”")));
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private sealed class KeepingStore(ConcurrentQueue<MimeMessage> received) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            await using var stream = new MemoryStream();
            foreach (var segment in buffer)
            {
                await stream.WriteAsync(segment, cancellationToken);
            }

            stream.Position = 0;
            received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}

/// <summary>The app with mail on, sending to a <see cref="SmtpSink"/> of its own; the sender polls often so tests are quick.</summary>
public class MailFactory : MovieNewsFactory
{
    private readonly IDictionary<string, string?> _extra;

    public MailFactory()
        : this(sharedConnectionString: null, extra: null)
    {
    }

    /// <summary>An app with settings of its own, or (with <paramref name="sharedConnectionString"/>) another app on an existing database, as after a restart.</summary>
    private MailFactory(string? sharedConnectionString, IDictionary<string, string?>? extra)
        : base(sharedConnectionString)
    {
        _extra = extra ?? new Dictionary<string, string?>();
        Sink = new SmtpSink();
    }

    /// <summary>An app with settings of its own; with <paramref name="sharedConnectionString"/>, on an existing database (a restart, a second instance).</summary>
    public static MailFactory With(IDictionary<string, string?>? extra, string? sharedConnectionString = null) => new(sharedConnectionString, extra);

    public SmtpSink Sink { get; }

    public const string PublicUrl = "http://localhost";

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>
            {
                ["Site:PublicUrl"] = PublicUrl,
                ["Mail:Host"] = "127.0.0.1",
                ["Mail:Port"] = Sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Mail:Security"] = "None",
                ["Mail:From"] = "MovieNews <news@movienews.test>",
                ["Mail:PollSeconds"] = "0.05",
                ["Mail:RetryBaseSeconds"] = "1",
                ["Mail:TimeoutSeconds"] = "5",
            };
            foreach (var (key, value) in _extra)
            {
                settings[key] = value;
            }

            return settings;
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Sink.StopAsync().GetAwaiter().GetResult();
    }
}
