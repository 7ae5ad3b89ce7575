using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace SnConnectPortal.Testing;

/// <summary>
/// The sandbox ServiceNow instance running as a separate process on a free loopback port, with helpers for its
/// <c>/sandbox/*</c> control endpoints. Dispose kills the process tree.
/// </summary>
public sealed class SandboxProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan HealthPollInterval = TimeSpan.FromMilliseconds(100);
    private const int StartAttempts = 3;

    private readonly Process _process;
    private readonly StringBuilder _output;

    private SandboxProcess(Process process, StringBuilder output, Uri baseUrl)
    {
        _process = process;
        _output = output;
        BaseUrl = baseUrl;
        Control = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>BaseAddress = <see cref="BaseUrl"/>, for <c>/sandbox/*</c> calls.</summary>
    public HttpClient Control { get; }

    /// <summary>Captured stdout/stderr, for failure messages.</summary>
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

    /// <summary>
    /// Starts <c>dotnet SnConnectPortal.Sandbox.dll --urls http://127.0.0.1:{free port}</c> with the settings as
    /// <c>--Sandbox:Key=Value</c> arguments and waits until <c>GET /sandbox/health</c> answers 200.
    /// </summary>
    public static async Task<SandboxProcess> StartAsync(
        IReadOnlyDictionary<string, string>? settings = null, CancellationToken ct = default)
    {
        var dll = FindSandboxDll();
        Exception? lastFailure = null;
        for (var attempt = 1; attempt <= StartAttempts; attempt++)
        {
            var sandbox = Launch(dll, FreePort(), settings);
            try
            {
                await sandbox.WaitUntilHealthyAsync(ct);
                return sandbox;
            }
            catch (SandboxStartException e) when (attempt < StartAttempts && sandbox._process.HasExited)
            {
                // Most likely the free port was taken between probing and binding: try another one.
                lastFailure = e;
                await sandbox.DisposeAsync();
            }
            catch
            {
                await sandbox.DisposeAsync();
                throw;
            }
        }

        throw new SandboxStartException("The sandbox did not start.", lastFailure);
    }

    /// <summary><c>POST /sandbox/reset</c>: back to the startup seed, no faults, rules, logs or overrides.</summary>
    public Task ResetAsync(CancellationToken ct = default) => PostAsync("sandbox/reset", new { }, ct);

    /// <summary><c>POST /sandbox/seed</c>: replaces the extra (Bogus) records; the fixed seed stays.</summary>
    public Task SeedAsync(int users, int groups = 0, int incidents = 0, CancellationToken ct = default) =>
        PostAsync("sandbox/seed", new { users, groups, incidents }, ct);

    /// <summary><c>POST /sandbox/config</c> with a partial object (unknown names fail).</summary>
    public Task ConfigureAsync(object settings, CancellationToken ct = default) => PostAsync("sandbox/config", settings, ct);

    /// <summary><c>POST /sandbox/faults</c>.</summary>
    public Task AddFaultAsync(object fault, CancellationToken ct = default) => PostAsync("sandbox/faults", fault, ct);

    /// <summary><c>DELETE /sandbox/faults</c>.</summary>
    public async Task ClearFaultsAsync(CancellationToken ct = default)
    {
        using var response = await Control.DeleteAsync(new Uri("sandbox/faults", UriKind.Relative), ct);
        await EnsureSuccessAsync(response, ct);
    }

    /// <summary><c>POST /sandbox/rate-limits</c>.</summary>
    public Task SetRateLimitAsync(object rule, CancellationToken ct = default) => PostAsync("sandbox/rate-limits", rule, ct);

    /// <summary><c>GET /sandbox/requests</c>: the request log, newest last.</summary>
    public async Task<JsonElement> GetRequestsAsync(CancellationToken ct = default)
    {
        using var response = await Control.GetAsync(new Uri("sandbox/requests", UriKind.Relative), ct);
        await EnsureSuccessAsync(response, ct);
        return await response.Content.ReadFromJsonAsync<JsonElement>(ct);
    }

    public async ValueTask DisposeAsync()
    {
        Control.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(timeout.Token);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
        {
            // Already gone, or not stopping in time: nothing more a test can do.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private async Task PostAsync(string path, object body, CancellationToken ct)
    {
        using var response = await Control.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, ct);
        await EnsureSuccessAsync(response, ct);
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            throw new HttpRequestException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}",
                null, response.StatusCode);
        }
    }

    private async Task WaitUntilHealthyAsync(CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(StartDeadline);
        using var probe = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            if (_process.HasExited)
            {
                throw new SandboxStartException($"The sandbox exited with code {_process.ExitCode} before it was healthy.\n{Output}");
            }

            try
            {
                using var response = await probe.GetAsync(new Uri("sandbox/health", UriKind.Relative), deadline.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                throw new SandboxStartException($"The sandbox was not healthy within {StartDeadline.TotalSeconds} s.\n{Output}");
            }
            catch (TaskCanceledException) when (!deadline.IsCancellationRequested)
            {
                // One probe outlasted its 5 s (a loaded machine, the first request's start-up): ask again until the deadline.
            }

            try
            {
                await Task.Delay(HealthPollInterval, deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                throw new SandboxStartException($"The sandbox was not healthy within {StartDeadline.TotalSeconds} s.\n{Output}");
            }
        }
    }

    private static SandboxProcess Launch(string dll, int port, IReadOnlyDictionary<string, string>? settings)
    {
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.ArgumentList.Add("--Logging:LogLevel:Default=Warning");
        start.ArgumentList.Add("--Logging:LogLevel:SnConnectPortal=Information");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.ArgumentList.Add($"--Sandbox:{key}={value}");
        }

        var output = new StringBuilder();
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new SandboxProcess(process, output, baseUrl);
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>src/SnConnectPortal.Sandbox/bin/{configuration of this assembly}/net10.0/SnConnectPortal.Sandbox.dll.</summary>
    private static string FindSandboxDll()
    {
        var configuration = typeof(SandboxProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration
            ?? "Debug";
        var dll = Path.Combine(RepositoryFolder.Root, "src", "SnConnectPortal.Sandbox", "bin", configuration, "net10.0", "SnConnectPortal.Sandbox.dll");
        return File.Exists(dll) ? dll : throw new SandboxStartException($"The sandbox is not built: {dll} is missing.");
    }
}
