using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MovieNews.EndToEndTests.Support;

/// <summary>
/// Debian's Varnish as the shared cache in front of the app, with the VCL operators are given
/// (docs/deploy/varnish.vcl) and only its backend port filled in: a folder of its own, a free loopback port,
/// no privilege separation (it runs as the test's user) and the manager in the foreground, stopped by its PID.
/// </summary>
public sealed class VarnishProxy : IDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private VarnishProxy(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
        AppDomain.CurrentDomain.ProcessExit += StopOnExit;
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>A free loopback port for a proxy started later (its address goes into the app's settings first).</summary>
    public static int ReservePort() => FreePort();

    public static async Task<VarnishProxy> StartAsync(int appPort, int port)
    {
        var directory = Directory.CreateTempSubdirectory("movienews-varnish").FullName;
        var vcl = (await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "docs", "deploy", "varnish.vcl")))
            .Replace(".port = \"5000\";", $".port = \"{appPort}\";", StringComparison.Ordinal);
        var vclPath = Path.Combine(directory, "movienews.vcl");
        await File.WriteAllTextAsync(vclPath, vcl);
        Process process;
        try
        {
            process = Process.Start(new ProcessStartInfo(Executable(),
                ["-F", "-j", "none", "-n", Path.Combine(directory, "work"), "-a", $"127.0.0.1:{port}", "-f", vclPath, "-s", "malloc,64m", "-T", "none"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            }) ?? throw new InvalidOperationException("varnishd did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"varnishd could not be started ({e.Message}). ./test.sh installs Debian's varnish where missing.", e);
        }

        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, line) => output.Enqueue(line.Data ?? "");
        process.ErrorDataReceived += (_, line) => output.Enqueue(line.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var proxy = new VarnishProxy(process, directory, port);
        try
        {
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"varnishd exited with code {process.ExitCode}:\n{string.Join('\n', output)}");
                }

                try
                {
                    using var probe = new TcpClient();
                    await probe.ConnectAsync(IPAddress.Loopback, port);
                    return proxy;
                }
                catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(30))
                {
                    await Task.Delay(100);
                }
            }
        }
        catch
        {
            proxy.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= StopOnExit;
        Stop();
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the OS temp cleaner.
        }
    }

    private void StopOnExit(object? sender, EventArgs e) => Stop();

    /// <summary>The manager and its child both go: the child would otherwise keep the port.</summary>
    private void Stop()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static string Executable() => File.Exists("/usr/sbin/varnishd") ? "/usr/sbin/varnishd" : "varnishd";

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MovieNews.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (MovieNews.sln) was not found above the test's folder.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
