using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SnConnectPortal.Sandbox.Tests.Support;

/// <summary>
/// A real HTTP endpoint on loopback standing in for the portal's inbound receiver: records every call and answers
/// with the queued statuses (then 200).
/// </summary>
internal sealed class InboundReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<int> _statuses = new();
    private readonly ConcurrentQueue<Call> _calls = new();
    private readonly Task _loop;

    public InboundReceiver(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _statuses.Enqueue(status);
        }

        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Url = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/api/inbound/test/");
        }

        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public sealed record Call(string Authorization, string ContentType, string Body);

    public Uri Url { get; }

    public IReadOnlyList<Call> Calls => [.. _calls];

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
            // The listener was closed under the loop.
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            _calls.Enqueue(new Call(context.Request.Headers["Authorization"] ?? "", context.Request.ContentType ?? "", body));
            context.Response.StatusCode = _statuses.TryDequeue(out var status) ? status : 200;
            var answer = Encoding.UTF8.GetBytes($$"""{"accepted":{{_calls.Count}}}""");
            await context.Response.OutputStream.WriteAsync(answer);
            context.Response.Close();
        }
    }
}
