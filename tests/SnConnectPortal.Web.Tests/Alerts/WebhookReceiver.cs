using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SnConnectPortal.Web.Tests.Alerts;

/// <summary>A webhook receiver on loopback (Kestrel): keeps every JSON body POSTed to <c>/hook/{token}</c>, and answers 500 to <c>/broken</c>.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Token, JsonElement Body)> _received = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook/{token}", async (string token, HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            receiver._received.Enqueue((token, body.RootElement.Clone()));
            return Results.Ok();
        });
        app.MapPost("/broken", () => Results.StatusCode(500));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return receiver;
    }

    /// <summary>The bodies received for <paramref name="token"/>, oldest first.</summary>
    public IReadOnlyList<JsonElement> Received(string token) => [.. _received.Where(r => r.Token == token).Select(r => r.Body)];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
