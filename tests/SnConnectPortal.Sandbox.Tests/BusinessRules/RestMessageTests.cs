using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SnConnectPortal.Sandbox.Tests.Support;
using SnConnectPortal.Testing;

namespace SnConnectPortal.Sandbox.Tests.BusinessRules;

public sealed class RestMessageTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    private SandboxProcess Sandbox => fixture.Sandbox;

    [Fact]
    public async Task IncidentInsert_PostsTheRecord_WithBasicCredentials()
    {
        await Sandbox.ResetAsync();
        await using var receiver = new InboundReceiver();
        await ConfigureAsync(receiver, attachments: false);
        using var client = ServiceNowCalls.Client(Sandbox);

        var incident = await ServiceNowCalls.CreateAsync(client, "incident", """{"short_description":"outbound"}""");

        var deliveries = await DeliveriesAsync(1);
        var call = Assert.Single(receiver.Calls);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("hub:hub-pw")), call.Authorization);
        Assert.StartsWith("application/json", call.ContentType, StringComparison.Ordinal);
        using var payload = JsonDocument.Parse(call.Body);
        Assert.Equal("incident", payload.RootElement.GetProperty("table").GetString());
        Assert.Equal("insert", payload.RootElement.GetProperty("event").GetString());
        Assert.Equal(incident.GetProperty("sys_id").GetString(), payload.RootElement.GetProperty("sys_id").GetString());
        Assert.Equal("INC0010001", payload.RootElement.GetProperty("record").GetProperty("number").GetString());
        var delivery = deliveries[0];
        Assert.Equal("incident", delivery.GetProperty("table").GetString());
        Assert.Equal(incident.GetProperty("sys_id").GetString(), delivery.GetProperty("sysId").GetString());
        Assert.Equal("insert", delivery.GetProperty("event").GetString());
        Assert.Equal(200, delivery.GetProperty("status").GetInt32());
        Assert.Equal(1, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal("""{"accepted":1}""", delivery.GetProperty("responseBody").GetString());
    }

    [Fact]
    public async Task FailingEndpoint_IsRetried_UntilItAccepts()
    {
        await Sandbox.ResetAsync();
        await using var receiver = new InboundReceiver(503, 500);
        await ConfigureAsync(receiver, attachments: false);
        using var client = ServiceNowCalls.Client(Sandbox);

        await ServiceNowCalls.CreateAsync(client, "incident", """{"short_description":"retry me"}""");

        var delivery = (await DeliveriesAsync(1))[0];
        Assert.Equal(3, receiver.Calls.Count);
        Assert.Equal(3, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal(200, delivery.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task UpdateAndAttachment_AreSent_OtherTablesAreNot()
    {
        await Sandbox.ResetAsync();
        await using var receiver = new InboundReceiver();
        await ConfigureAsync(receiver, attachments: true);
        using var client = ServiceNowCalls.Client(Sandbox);

        await ServiceNowCalls.CreateAsync(client, "problem", """{"short_description":"not configured"}""");
        var incident = await ServiceNowCalls.CreateAsync(client, "incident", """{"short_description":"tracked"}""");
        var id = incident.GetProperty("sys_id").GetString();
        using (await client.PatchAsync(ServiceNowCalls.Relative($"api/now/table/incident/{id}"), ServiceNowCalls.Json("""{"state":"2"}"""))) { }
        using var file = new ByteArrayContent([1, 2, 3]);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using (await client.PostAsync(ServiceNowCalls.Relative($"api/now/attachment/file?table_name=incident&table_sys_id={id}&file_name=x.bin"), file)) { }

        var deliveries = await DeliveriesAsync(3);
        Assert.Equal(["insert", "update", "attachment"], deliveries.Select(d => d.GetProperty("event").GetString()));
        Assert.All(deliveries, d => Assert.Equal("incident", d.GetProperty("table").GetString()));
        using var attachmentPayload = JsonDocument.Parse(receiver.Calls[2].Body);
        Assert.Equal("x.bin", attachmentPayload.RootElement.GetProperty("attachment").GetProperty("file_name").GetString());
    }

    private async Task ConfigureAsync(InboundReceiver receiver, bool attachments)
    {
        using var response = await Sandbox.Control.PostAsJsonAsync("sandbox/rest-message", new
        {
            endpoint = receiver.Url.ToString(), userName = "hub", password = "hub-pw", tables = new[] { "incident" }, attachments,
        });
        response.EnsureSuccessStatusCode();
    }

    private async Task<List<JsonElement>> DeliveriesAsync(int expected)
    {
        var deliveries = await Poll.UntilAsync(
            () => Sandbox.Control.GetFromJsonAsync<JsonElement>("sandbox/rest-message/deliveries"),
            d => d.GetArrayLength() >= expected, TimeSpan.FromSeconds(15), $"{expected} deliveries");
        return [.. deliveries.EnumerateArray()];
    }
}
