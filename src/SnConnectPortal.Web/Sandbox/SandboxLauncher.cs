using System.Diagnostics;
using System.Net.Http.Json;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace SnConnectPortal.Web.Sandbox;

/// <summary>
/// With <c>Sandbox:Launch=true</c>, starts the sandbox ServiceNow instance as its own process at <c>Sandbox:Url</c>
/// when the portal starts (the built <c>SnConnectPortal.Sandbox.dll</c>, or <c>dotnet run --project</c> on its
/// folder), turns on its client-credentials grant so every auth mode can be tried, and stops it with the portal. A
/// sandbox already answering at that address is used as it is. A failure is logged; the portal runs on without it.
/// </summary>
public sealed partial class SandboxLauncher(
    IOptions<SandboxOptions> options,
    SandboxInstance sandbox,
    IHttpClientFactory httpClientFactory,
    IHostEnvironment environment,
    TimeProvider timeProvider,
    ILogger<SandboxLauncher> logger) : BackgroundService
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);

    // Settings meant for the portal that the child would otherwise inherit from the environment.
    private static readonly string[] PortalOnlyVariables = ["ASPNETCORE_URLS", "Sandbox__", "Connections__", "Database__"];

    private Process? _process;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Launch || settings.Url is null)
        {
            return;
        }

        try
        {
            if (await sandbox.IsAvailableAsync(stoppingToken))
            {
                LogAlreadyRunning(logger, settings.Url);
            }
            else if (StartInfo(settings) is { } start)
            {
                _process = StartProcess(start);
                await WaitUntilAvailableAsync(stoppingToken);
                LogStarted(logger, settings.Url, _process.Id);
            }
            else
            {
                LogNotFound(logger, settings.Path ?? DefaultProjectFolder());
                return;
            }

            using var enable = await httpClientFactory.CreateClient(SandboxInstance.HttpClientName)
                .PostAsJsonAsync(new Uri(settings.Url, "sandbox/config"), new { clientCredentialsGrantEnabled = true }, stoppingToken);
            enable.EnsureSuccessStatusCode();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The portal is stopping.
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            LogFailed(logger, e, settings.Url);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(cancellationToken);
            LogStopped(logger);
        }
    }

    public override void Dispose()
    {
        _process?.Dispose();
        base.Dispose();
    }

    private ProcessStartInfo? StartInfo(SandboxOptions settings)
    {
        var location = settings.Path is { Length: > 0 } configured
            ? Path.GetFullPath(configured, environment.ContentRootPath)
            : DefaultProjectFolder();
        var urls = settings.Url!.GetLeftPart(UriPartial.Authority);
        var dll = File.Exists(location) ? location : BuiltDll(location);
        ProcessStartInfo start;
        if (dll is not null)
        {
            start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)! };
            start.ArgumentList.Add(dll);
        }
        else if (Directory.Exists(location) && Directory.EnumerateFiles(location, "*.csproj").Any())
        {
            start = new ProcessStartInfo("dotnet") { WorkingDirectory = location };
            start.ArgumentList.Add("run");
            start.ArgumentList.Add("--project");
            start.ArgumentList.Add(location);
            start.ArgumentList.Add("--no-launch-profile");
            start.ArgumentList.Add("--");
        }
        else
        {
            return null;
        }

        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(urls);

        // A directory big enough to see suggestions, conflicts and paging; the sandbox alone (and in tests) keeps its four users.
        start.ArgumentList.Add("--Sandbox:DemoDirectory=true");
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        foreach (var key in start.Environment.Keys.Where(key => PortalOnlyVariables.Any(key.StartsWith)).ToList())
        {
            start.Environment.Remove(key);
        }

        return start;
    }

    private Process StartProcess(ProcessStartInfo start)
    {
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start the sandbox.");
        process.OutputDataReceived += (_, e) => LogOutput(e.Data);
        process.ErrorDataReceived += (_, e) => LogOutput(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task WaitUntilAvailableAsync(CancellationToken stoppingToken)
    {
        var deadline = timeProvider.GetUtcNow() + StartDeadline;
        while (!await sandbox.IsAvailableAsync(stoppingToken))
        {
            if (_process is { HasExited: true } exited)
            {
                throw new InvalidOperationException($"The sandbox exited with code {exited.ExitCode} before it answered.");
            }

            if (timeProvider.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"The sandbox did not answer within {StartDeadline.TotalSeconds:N0} s.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), timeProvider, stoppingToken);
        }
    }

    private void LogOutput(string? line)
    {
        if (line is not null)
        {
            LogSandboxOutput(logger, line);
        }
    }

    /// <summary>
    /// src/SnConnectPortal.Sandbox, found from the content root upwards: beside the portal's project folder under
    /// dotnet run, or above its build output when the built dll runs.
    /// </summary>
    private string DefaultProjectFolder()
    {
        for (var folder = new DirectoryInfo(environment.ContentRootPath); folder is not null; folder = folder.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(folder.FullName, "SnConnectPortal.Sandbox"), Path.Combine(folder.FullName, "src", "SnConnectPortal.Sandbox") })
            {
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return Path.GetFullPath(Path.Combine(environment.ContentRootPath, "..", "SnConnectPortal.Sandbox"));
    }

    /// <summary>bin/{the portal's build configuration}/net10.0/SnConnectPortal.Sandbox.dll under the project folder.</summary>
    private static string? BuiltDll(string projectFolder)
    {
        var configuration = typeof(SandboxLauncher).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var dll = Path.Combine(projectFolder, "bin", configuration, "net10.0", "SnConnectPortal.Sandbox.dll");
        return File.Exists(dll) ? dll : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox ServiceNow instance started at {Url} (process {ProcessId})")]
    private static partial void LogStarted(ILogger logger, Uri url, int processId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox ServiceNow instance already answering at {Url}: using it")]
    private static partial void LogAlreadyRunning(ILogger logger, Uri url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sandbox:Launch is on, but no sandbox was found at {Location}: build src/SnConnectPortal.Sandbox or set Sandbox:Path")]
    private static partial void LogNotFound(ILogger logger, string location);

    [LoggerMessage(Level = LogLevel.Error, Message = "The sandbox ServiceNow instance could not be started at {Url}; the portal runs without it")]
    private static partial void LogFailed(ILogger logger, Exception exception, Uri url);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox ServiceNow instance stopped")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Debug, Message = "sandbox: {Line}")]
    private static partial void LogSandboxOutput(ILogger logger, string line);
}
