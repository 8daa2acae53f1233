using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MovieNews.EndToEndTests.Support;

/// <summary>
/// Debian's nginx as a TLS-terminating reverse proxy in front of the app, configured as docs/operations.md tells
/// operators to: a throwaway self-signed certificate, its own config file and folder, a free loopback port, and
/// the master process in the foreground (<c>daemon off</c>) so it is stopped by its own PID, never by name.
/// </summary>
public sealed class NginxProxy : IDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private NginxProxy(Process process, string directory, int port, string certificateHash)
    {
        _process = process;
        _directory = directory;
        Port = port;
        CertificateSha256 = certificateHash;
        // Should the test host end without disposing its fixtures (an abort, a SIGTERM), nginx goes with it.
        AppDomain.CurrentDomain.ProcessExit += StopOnExit;
    }

    public int Port { get; }

    /// <summary>The throwaway certificate's SHA-256 fingerprint: clients trust exactly this certificate and no other.</summary>
    public string CertificateSha256 { get; }

    public static async Task<NginxProxy> StartAsync(int appPort)
    {
        var directory = Directory.CreateTempSubdirectory("movienews-nginx").FullName;
        if (!OperatingSystem.IsWindows())
        {
            // nginx's workers run as nobody and must reach their temp folders inside.
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        try
        {
            await RunAsync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                "-keyout", Path.Combine(directory, "key.pem"), "-out", Path.Combine(directory, "cert.pem")]);
            using var certificate = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(directory, "cert.pem")));
            var port = FreePort();
            var config = Path.Combine(directory, "nginx.conf");
            await File.WriteAllTextAsync(config, Config(directory, port, appPort));
            var process = StartProcess(Executable(), ["-c", config, "-p", directory + "/", "-e", Path.Combine(directory, "error.log")]);
            // Its messages go to error.log; the pipes are only drained so they can never fill up.
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var proxy = new NginxProxy(process, directory, port, certificate.GetCertHashString(HashAlgorithmName.SHA256));
            try
            {
                await proxy.WaitUntilListeningAsync();
                return proxy;
            }
            catch
            {
                proxy.Dispose();
                throw;
            }
        }
        catch
        {
            DeleteQuietly(directory);
            throw;
        }
    }

    /// <summary>The configuration operators are told to use (docs/operations.md), on test paths and ports.</summary>
    private static string Config(string directory, int port, int appPort) => $$"""
        daemon off;
        worker_processes 1;
        pid {{directory}}/nginx.pid;
        events { worker_connections 256; }
        http {
            access_log off;
            client_body_temp_path {{directory}}/client_body;
            proxy_temp_path {{directory}}/proxy;
            fastcgi_temp_path {{directory}}/fastcgi;
            uwsgi_temp_path {{directory}}/uwsgi;
            scgi_temp_path {{directory}}/scgi;
            server {
                listen 127.0.0.1:{{port}} ssl;
                server_name _;
                ssl_certificate {{directory}}/cert.pem;
                ssl_certificate_key {{directory}}/key.pem;
                location / {
                    proxy_pass http://127.0.0.1:{{appPort}};
                    proxy_set_header Host $http_host;
                    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                    proxy_set_header X-Forwarded-Proto $scheme;
                }
            }
        }
        """;

    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= StopOnExit;
        Stop();
        _process.Dispose();
        DeleteQuietly(_directory);
    }

    private void StopOnExit(object? sender, EventArgs e) => Stop();

    /// <summary>
    /// By the master's PID: SIGTERM first, so the master stops and reaps its worker itself; SIGKILL to the whole
    /// tree if it has not gone within five seconds.
    /// </summary>
    private void Stop()
    {
        try
        {
            if (_process.HasExited)
            {
                return;
            }

            using (var terminate = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])))
            {
                terminate?.WaitForExit(5_000);
            }

            if (!_process.WaitForExit(5_000))
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone, or no kill(1): the tree is killed directly.
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with code {_process.ExitCode}:\n{ErrorLog()}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException($"nginx did not listen within 15 seconds:\n{ErrorLog()}");
    }

    private string ErrorLog()
    {
        var log = Path.Combine(_directory, "error.log");
        return File.Exists(log) ? File.ReadAllText(log) : "(no error log)";
    }

    /// <summary>Debian puts nginx in /usr/sbin, which a non-root PATH may lack.</summary>
    private static string Executable() => File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";

    private static Process StartProcess(string program, string[] arguments)
    {
        try
        {
            return Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })
                ?? throw new InvalidOperationException($"{program} did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{program} could not be started ({e.Message}). ./test.sh installs Debian's nginx and openssl where missing.", e);
        }
    }

    private static async Task RunAsync(string program, string[] arguments)
    {
        using var process = StartProcess(program, arguments);
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} exited with code {process.ExitCode}:\n{await errors}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void DeleteQuietly(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the OS temp cleaner.
        }
    }
}
