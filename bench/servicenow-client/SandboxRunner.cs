using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ServiceNowClientBench;

/// <summary>Starts the sandbox ServiceNow as its own process on a free loopback port and stops it again.</summary>
internal sealed class SandboxRunner : IAsyncDisposable
{
    private readonly Process _process;

    private SandboxRunner(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public static async Task<SandboxRunner> StartAsync(string sandboxDll, int extraUsers, HttpClient probe, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { sandboxDll, "--urls", baseUrl.ToString().TrimEnd('/'), $"--Sandbox:ExtraUsers={extraUsers}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the sandbox.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine("sandbox: " + e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var runner = new SandboxRunner(process, baseUrl);

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The sandbox exited with code {process.ExitCode}.");
            }

            try
            {
                using var response = await probe.GetAsync(new Uri(baseUrl, "sandbox/health"), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return runner;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200, cancellationToken);
        }

        await runner.DisposeAsync();
        throw new TimeoutException("The sandbox did not answer /sandbox/health within 2 minutes.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
