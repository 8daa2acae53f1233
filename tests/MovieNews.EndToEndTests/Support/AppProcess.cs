using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MovieNews.EndToEndTests.Support;

/// <summary>
/// The app as its own process (<c>dotnet MovieNews.Web.dll</c>) on a free loopback port, so a test can kill it
/// with SIGKILL and start it again on the same database.
/// </summary>
public sealed partial class AppProcess : IDisposable
{
    private readonly Process _process;

    private AppProcess(Process process, string baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public static async Task<AppProcess> StartAsync(string dataDirectory, IDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "MovieNews.Web.dll"), "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__MovieNews"] = $"Data Source={Path.Combine(dataDirectory, "movienews.db")}";
        start.Environment["DataProtection__KeysPath"] = Path.Combine(dataDirectory, "keys");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Moderation__FloodIntervalSeconds"] = "0";
        // The load runs post thousands of comments from one loopback address.
        start.Environment["Comments__PostAttemptsPerMinute"] = "1000000";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        var errors = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, line) =>
        {
            // The last lines, for the message when it never answers.
            if (line.Data is { } text)
            {
                output.Enqueue(text);
                while (output.Count > 40 && output.TryDequeue(out string? _))
                {
                }
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { } text && errors.Count < 200)
            {
                errors.Enqueue(text);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(process, $"http://127.0.0.1:{port}");
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        // Generous: on a shared CI machine running other suites at once, two instances starting together (migrations
        // under a lock, seeding) have taken over a minute.
        while (deadline.Elapsed < _startTimeout)
        {
            try
            {
                if ((await probe.GetAsync(app.BaseUrl + "/")).IsSuccessStatusCode)
                {
                    return app;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or still starting up (the first answer can take longer than the probe waits).
            }

            if (process.HasExited)
            {
                app.Dispose();
                throw new InvalidOperationException($"The app exited with code {process.ExitCode} before serving:\n{string.Join('\n', errors)}");
            }

            await Task.Delay(100);
        }

        app.Dispose();
        throw new TimeoutException($"The app did not answer within {_startTimeout.TotalSeconds} seconds. Its last output:\n"
            + string.Join('\n', output.Concat(errors)));
    }

    private static readonly TimeSpan _startTimeout = TimeSpan.FromSeconds(150);

    /// <summary>SIGKILL: no shutdown hooks, no flushing, as when a machine loses power.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            KillHard();
        }

        _process.Dispose();
    }

    /// <summary>A commenter of its own: a cookie jar, the page read once as a browser would, and a way to post.</summary>
    public async Task<Commenter> NewCommenterAsync(string article)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(BaseUrl),
            Timeout = TimeSpan.FromSeconds(30),
        };
        await client.GetStringAsync(article);
        return new Commenter(client, article);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed class Commenter(HttpClient client, string article) : IDisposable
{
    /// <summary>The id of the stored comment when the server said 303, null for any other answer.</summary>
    public async Task<(int Status, int? CommentId)> PostAsync(string name, string body)
    {
        var response = await client.PostAsync(article, new FormUrlEncodedContent(
        [
            new("Input.Name", name),
            new("Input.Body", body),
        ]));
        var location = response.Headers.Location?.OriginalString;
        return ((int)response.StatusCode, response.StatusCode == HttpStatusCode.SeeOther && location is not null
            ? int.Parse(location[(location.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture)
            : null);
    }

    public void Dispose() => client.Dispose();
}
