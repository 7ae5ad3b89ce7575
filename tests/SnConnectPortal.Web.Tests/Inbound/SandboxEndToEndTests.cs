using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SnConnectPortal.Data;
using SnConnectPortal.Testing;
using SnConnectPortal.Web.Features.Inbound;
using SnConnectPortal.Web.Features.Messages;

namespace SnConnectPortal.Web.Tests.Inbound;

/// <summary>
/// The whole inbound flow against the sandbox ServiceNow process: its business rules are configured from the setup kit
/// the portal generates (endpoint and user name) plus the generated password, an incident and an attachment are
/// created through the Table and Attachment APIs, and both arrive in the message view.
/// </summary>
public sealed class SandboxEndToEndTests : IClassFixture<SandboxFixture>, IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private readonly SandboxProcess _sandbox;
    private readonly KestrelPortal _portal = new();

    public SandboxEndToEndTests(SandboxFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        _sandbox = fixture.Sandbox;
    }

    [Fact]
    public async Task SandboxIncidentInsertAndAttachment_ArriveInTheMessageView()
    {
        await _sandbox.ResetAsync();
        var endpoint = await InboundTestData.CreateEndpointAsync(_portal.Services, "Sandbox", "incident");
        var kit = new SetupKit("Sandbox", endpoint.Key, endpoint.UserName,
            new InboundUrls(Microsoft.Extensions.Options.Options.Create(new InboundOptions())).Receiver(_portal.BaseUrl, endpoint.Key),
            ["incident"], DateTime.UtcNow);
        (await _sandbox.Control.PostAsJsonAsync("sandbox/rest-message", new
        {
            endpoint = kit.ReceiverUrl.ToString(),
            userName = kit.UserName,
            password = endpoint.Password,
            tables = kit.Tables,
            attachments = true,
        })).EnsureSuccessStatusCode();

        using var snow = new HttpClient { BaseAddress = _sandbox.BaseUrl };
        snow.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("admin:admin"u8.ToArray()));
        snow.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var created = await snow.PostAsJsonAsync("api/now/table/incident", new { short_description = "Printer on fire", correlation_id = "hub-42" });
        created.EnsureSuccessStatusCode();
        var incident = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result");
        var number = incident.GetProperty("number").GetString()!;
        var sysId = incident.GetProperty("sys_id").GetString()!;
        using var file = new ByteArrayContent(Encoding.UTF8.GetBytes("smoke everywhere"));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        (await snow.PostAsync($"api/now/attachment/file?table_name=incident&table_sys_id={sysId}&file_name=log.txt", file)).EnsureSuccessStatusCode();

        var query = (MessageQuery)_portal.Services.GetService(typeof(MessageQuery))!;
        var rows = await PollAsync(async () =>
        {
            var page = await query.PageAsync(new MessageFilter { ConnectionId = endpoint.ConnectionId }, 0, 50, false, CancellationToken.None);
            return page.Rows.Count >= 2 ? page.Rows : null;
        });

        Assert.All(rows, r => Assert.Equal((number, "incident", MessageDirection.Inbound, MessageStatus.Received, 202), (r.Number, r.TableName, r.Direction, r.Status, r.HttpStatus)));
        Assert.Contains(rows, r => r.EventName == "insert" && r.CorrelationId == "hub-42");
        var attachmentRow = Assert.Single(rows, r => r.EventName == "attachment");
        var details = await query.DetailsAsync(attachmentRow.Id, CancellationToken.None);
        var attachment = Assert.Single(details!.Attachments);
        Assert.Equal(("log.txt", "text/plain", 16L), (attachment.FileName, attachment.ContentType, attachment.DeclaredSizeBytes));
        Assert.Contains("Printer on fire", (await query.DetailsAsync(rows.Single(r => r.EventName == "insert").Id, CancellationToken.None))!.Payload, StringComparison.Ordinal);

        var deliveries = await _sandbox.Control.GetFromJsonAsync<JsonElement>("sandbox/rest-message/deliveries");
        Assert.All(deliveries.EnumerateArray(), d => Assert.Equal(202, d.GetProperty("status").GetInt32()));
        Assert.All(deliveries.EnumerateArray(), d => Assert.Contains("responseId", d.GetProperty("responseBody").GetString(), StringComparison.Ordinal));
    }

    public void Dispose() => _portal.Dispose();

    private static async Task<T> PollAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        var until = DateTime.UtcNow + Deadline;
        while (true)
        {
            if (await probe() is { } result)
            {
                return result;
            }

            Assert.True(DateTime.UtcNow < until, "Nothing arrived within " + Deadline);
            await Task.Delay(PollInterval);
        }
    }
}
