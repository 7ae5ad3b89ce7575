using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SnConnectPortal.Testing;

namespace SnConnectPortal.Web.Tests.Browser;

/// <summary>
/// The portal as a person meets it: its own process (<c>dotnet SnConnectPortal.Web.dll</c>) on a free loopback
/// port, with a fresh SQLite file. Dispose stops it and deletes the file.
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _dataDirectory;

    private PortalProcess(Process process, Uri baseUrl, string dataDirectory)
    {
        _process = process;
        BaseUrl = baseUrl;
        _dataDirectory = dataDirectory;
    }

    public Uri BaseUrl { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The folder of the portal's SQLite file (and its -wal/-shm files).</summary>
    public string DataDirectory => _dataDirectory;

    /// <param name="settings">Extra configuration, passed as <c>--Key=Value</c> (e.g. <c>Sandbox:Url</c>).</param>
    /// <param name="cancellationToken">Stops waiting for the portal.</param>
    public static async Task<PortalProcess> StartAsync(IReadOnlyDictionary<string, string>? settings = null, CancellationToken cancellationToken = default)
    {
        var portal = Launch(BuiltPortal(), "Development", settings);
        await portal.WaitUntilLiveAsync(cancellationToken);
        return portal;
    }

    /// <summary>
    /// The portal as it is deployed: the <c>dotnet publish</c> output in <c>artifacts/publish</c> (made by
    /// scripts/test.sh), run in Production.
    /// </summary>
    /// <param name="settings">Extra configuration, passed as <c>--Key=Value</c>; a key given here wins over the defaults.</param>
    /// <param name="cancellationToken">Stops waiting for the portal.</param>
    public static async Task<PortalProcess> StartPublishedAsync(IReadOnlyDictionary<string, string>? settings = null, CancellationToken cancellationToken = default)
    {
        var dll = Path.Combine(RepositoryRoot(), "artifacts", "publish", "SnConnectPortal.Web.dll");
        Assert.True(File.Exists(dll), $"The portal is not published: {dll}. scripts/test.sh publishes it (dotnet publish src/SnConnectPortal.Web -c Release -o artifacts/publish).");
        var portal = Launch(dll, "Production", settings);
        await portal.WaitUntilLiveAsync(cancellationToken);
        return portal;
    }

    /// <summary>
    /// Starts the portal and waits for it to exit by itself, as it does when a setting is invalid; returns its exit
    /// code and output. Fails the test if it is still running after <paramref name="deadline"/>.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunUntilExitAsync(IReadOnlyDictionary<string, string> settings, TimeSpan deadline)
    {
        await using var portal = Launch(BuiltPortal(), "Development", settings);
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await portal._process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The portal was still running after {deadline}:\n{portal.Output}");
        }

        // WaitForExitAsync returns once the output streams have closed, so Output is complete.
        return (portal._process.ExitCode, portal.Output);
    }

    private static string BuiltPortal()
    {
        var dll = Path.Combine(RepositoryRoot(), "src", "SnConnectPortal.Web", "bin", BuildConfiguration(), "net10.0", "SnConnectPortal.Web.dll");
        Assert.True(File.Exists(dll), $"The portal is not built: {dll}");
        return dll;
    }

    private static PortalProcess Launch(string dll, string environment, IReadOnlyDictionary<string, string>? settings)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "sncp-browser-tests", Guid.NewGuid().ToString("N"));
        var baseUrl = new Uri($"http://127.0.0.1:{FreePort()}/");

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseUrl.ToString().TrimEnd('/'));
        start.ArgumentList.Add($"--Database:SqlitePath={Path.Combine(dataDirectory, "portal.db")}");
        start.ArgumentList.Add($"--DataProtection:CertificatePath={Path.Combine(dataDirectory, "keyring-protection.pfx")}");
        start.ArgumentList.Add("--Logging:Console:FormatterName=simple");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        // Development serves static web assets straight from the build output; Production needs the publish output.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var portal = new PortalProcess(process, baseUrl, dataDirectory);
        process.OutputDataReceived += (_, e) => portal.Append(e.Data);
        process.ErrorDataReceived += (_, e) => portal.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return portal;
    }

    /// <summary>Stops the portal as a service manager would (SIGTERM), so that it shuts down gracefully, and waits for it.</summary>
    public async Task StopGracefullyAsync(CancellationToken cancellationToken = default)
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync(cancellationToken);
        await _process.WaitForExitAsync(cancellationToken);
    }

    /// <summary>Kills the portal at once (SIGKILL), as a crash or a pulled plug would: nothing is shut down or released.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private async Task WaitUntilLiveAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartDeadline;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The portal exited with code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("health/ready", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // One probe outlasted its 5 s (a loaded machine, the first request's start-up): ask again until the deadline.
            }

            await Task.Delay(PollInterval, cancellationToken);
        }

        throw new TimeoutException($"The portal did not become ready within {StartDeadline}:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    internal static string RepositoryRoot() => RepositoryFolder.Root;

    // The test assembly's own output folder is bin/<Configuration>/net10.0/.
    private static string BuildConfiguration() => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
