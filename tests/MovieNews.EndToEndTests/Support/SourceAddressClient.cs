using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace MovieNews.EndToEndTests.Support;

/// <summary>
/// An HTTP client whose connections leave from a loopback address of its own (127.0.0.2, 127.0.0.3, …: Linux routes
/// all of 127.0.0.0/8 to lo), so one machine can play several readers, each with its own address.
/// </summary>
public static class SourceAddressClient
{
    /// <param name="baseAddress">What the client asks for (its Host header, and its TLS server name).</param>
    /// <param name="server">Where it really connects, whatever <paramref name="baseAddress"/> names.</param>
    /// <param name="trustedCertificateSha256">For HTTPS: the one certificate accepted (the test's throwaway one).</param>
    public static HttpClient Create(Uri baseAddress, IPAddress source, IPEndPoint server, string? trustedCertificateSha256 = null)
    {
        var handler = new SocketsHttpHandler
        {
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            AllowAutoRedirect = false,
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(server, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        if (trustedCertificateSha256 is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), trustedCertificateSha256, StringComparison.OrdinalIgnoreCase);
        }

        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }
}
