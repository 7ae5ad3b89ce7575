using System.Net;
using SnConnectPortal.Data;
using SnConnectPortal.Testing;
using SnConnectPortal.Web.Features.ApiKeys;
using SnConnectPortal.Web.Tests.Events;
using SnConnectPortal.Web.Tests.Inbound;
using SnConnectPortal.Web.Tests.Infrastructure;
using SnConnectPortal.Web.Tests.Outbound;

namespace SnConnectPortal.Web.Tests.Operations;

/// <summary>
/// With <c>OpenTelemetry:Endpoint</c> set, the portal exports by OTLP to a receiver on loopback: its own metrics, one
/// trace from an event's arrival to ServiceNow's answer (the sandbox over HTTP), the inbound writer's span linked to the
/// request that brought the message, and logs carrying the trace id. Alone, after the parallel tests: an exporter takes
/// the measurements of every portal meter in the process, and another test's portal would share its instruments' names.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryExportTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    [Fact]
    public async Task Event_IsOneTraceFromItsArrivalToServiceNowsAnswer_WithTheDeliveryMetrics_AndLogsCarryingTheTraceId()
    {
        await fixture.Sandbox.ResetAsync();
        await using var collector = await OtlpCollector.StartAsync();
        await using var host = await OutboundTestHost.StartAsync(fixture.Sandbox.BaseUrl, Exporting(collector));
        var key = await EventsApiPortal.CreateKeyAsync(host, "traced sender", ApiKeyScopes.EventsWrite);

        var (response, body) = await EventsApiPortal.PostAsync(host, key, EventsApiPortal.Create(EventsApiPortal.NewEventId(), "Disk full on db-7", null));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var message = await host.WaitForStatusAsync(body.GetProperty("messageId").GetInt64(), MessageStatus.Delivered, MessageStatus.Failed, MessageStatus.DeadLettered);
        Assert.Equal(MessageStatus.Delivered, message.Status);

        var arrival = await collector.WaitForSpanAsync(s => s.Name == "POST /api/events");
        var delivery = await collector.WaitForSpanAsync(s => s.Name == "outbound.deliver");
        var call = await collector.WaitForSpanAsync(s => s.ParentSpanId == delivery.SpanId && s.Name.StartsWith("POST", StringComparison.Ordinal));
        Assert.Equal((arrival.TraceId, arrival.TraceId), (delivery.TraceId, call.TraceId));
        await collector.WaitForLogAsync(log => log.TraceId == arrival.TraceId && log.Body.StartsWith("Outbound message", StringComparison.Ordinal));
        await collector.WaitForMetricsAsync(
            "sncp.outbound.attempts", "sncp.outbound.attempt.duration", "sncp.outbound.delivery.latency",
            "sncp.outbound.backlog", "sncp.outbound.backlog.age", "http.client.request.duration");
    }

    [Fact]
    public async Task InboundMessage_CountsAsStored_AndTheWritersSpanLinksToTheRequestThatBroughtIt()
    {
        await using var collector = await OtlpCollector.StartAsync();
        using var portal = new PortalFactory(Exporting(collector));
        var endpoint = await InboundTestData.CreateEndpointAsync(portal.Services);
        using var client = portal.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Path)
        {
            Content = new StringContent(InboundTestData.IncidentPayload("INC0000001"), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = endpoint.Authorization;

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var received = await collector.WaitForSpanAsync(s => s.Name.StartsWith("POST /api/inbound/", StringComparison.Ordinal));
        var write = await collector.WaitForSpanAsync(s => s.Name == "inbound.write");
        Assert.Contains((received.TraceId, received.SpanId), write.Links);
        await collector.WaitForMetricsAsync("sncp.inbound.messages", "http.server.request.duration");
    }

    private static Dictionary<string, string?> Exporting(OtlpCollector collector) => new()
    {
        ["OpenTelemetry:Endpoint"] = collector.BaseUrl,
        ["OpenTelemetry:MetricExportIntervalSeconds"] = "1",
    };
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry";
}
