using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Xunit;

namespace SnConnectPortal.Testing;

/// <summary>
/// Debian's nginx in front of the portal's nodes, running the shipped <c>deploy/nginx/snconnectportal.conf</c> with
/// only its addresses replaced: the nodes in both upstreams and a free loopback port to listen on. Its access log
/// names the node that answered each request.
/// </summary>
public sealed partial class NginxProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private NginxProcess(Process process, string directory, Uri baseUrl)
    {
        _process = process;
        _directory = directory;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    private string AccessLog => Path.Combine(_directory, "access.log");

    public static async Task<NginxProcess> StartAsync(IReadOnlyList<Uri> nodes)
    {
        const string executable = "/usr/sbin/nginx";
        Assert.True(File.Exists(executable), "nginx not found: run scripts/test.sh, which installs Debian's nginx-light.");
        var directory = Path.Combine(Path.GetTempPath(), "sncp-nginx", Guid.NewGuid().ToString("N"));
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Debian's nginx: the multi-node tests run on Linux.");
        }

        // The workers run as an unprivileged user when the tests run as root: they write request bodies here.
        Directory.CreateDirectory(directory, (UnixFileMode)0b111_111_111);
        var port = FreePort();
        var shipped = await File.ReadAllTextAsync(Path.Combine(RepositoryFolder.Root, "deploy", "nginx", "snconnectportal.conf"));
        var servers = string.Concat(nodes.Select(node => $"    server {node.Host}:{node.Port};\n"));
        Assert.Equal(2, ShippedServers().Matches(shipped).Count);
        var site = ShippedServers().Replace(shipped, servers).Replace("listen 8080;", $"listen 127.0.0.1:{port};", StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(directory, "snconnectportal.conf"), site);
        await File.WriteAllTextAsync(Path.Combine(directory, "nginx.conf"), $$"""
            daemon off;
            worker_processes 1;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log warn;
            events { worker_connections 1024; }
            http {
                log_format upstream '$request_uri $upstream_addr $status';
                access_log {{directory}}/access.log upstream;
                client_body_temp_path {{directory}}/body;
                proxy_temp_path {{directory}}/proxy;
                fastcgi_temp_path {{directory}}/fastcgi;
                uwsgi_temp_path {{directory}}/uwsgi;
                scgi_temp_path {{directory}}/scgi;
                include {{directory}}/snconnectportal.conf;
            }
            """);

        var start = new ProcessStartInfo(executable) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("-p");
        start.ArgumentList.Add(directory);
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Path.Combine(directory, "nginx.conf"));
        var process = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start");
        var nginx = new NginxProcess(process, directory, new Uri($"http://127.0.0.1:{port}/"));
        await nginx.WaitUntilListeningAsync(port);
        return nginx;
    }

    /// <summary>The node (host:port) that nginx sent the first request whose address starts with <paramref name="pathPrefix"/> to.</summary>
    public async Task<string> NodeThatServedAsync(string pathPrefix)
    {
        var lines = await File.ReadAllLinesAsync(AccessLog);
        var line = lines.FirstOrDefault(l => l.StartsWith(pathPrefix, StringComparison.Ordinal));
        Assert.True(line is not null, $"nginx logged no request for {pathPrefix}:\n{string.Join('\n', lines)}");
        return line.Split(' ')[1];
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task WaitUntilListeningAsync(int port)
    {
        for (var tries = 0; tries < 100; tries++)
        {
            Assert.False(_process.HasExited, $"nginx exited: {await _process.StandardError.ReadToEndAsync()}");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        Assert.Fail($"nginx did not listen on {port}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The two example nodes that each upstream of the shipped file lists.</summary>
    [GeneratedRegex(@"    server 127\.0\.0\.1:5001;\n    server 127\.0\.0\.1:5002;\n")]
    private static partial Regex ShippedServers();
}
