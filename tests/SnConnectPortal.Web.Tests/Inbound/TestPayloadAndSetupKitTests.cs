using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Web.Features.Inbound;
using SnConnectPortal.Web.Features.Messages;

namespace SnConnectPortal.Web.Tests.Inbound;

/// <summary>The test-payload button over real HTTP to the portal's own receiver, and the generated setup kit.</summary>
public sealed class TestPayloadAndSetupKitTests : IDisposable
{
    private readonly KestrelPortal _portal = new();

    [Fact]
    public async Task TestPayload_AsOperator_Answers202WithResponseId_AndTheRowIsStored()
    {
        var endpoint = await InboundTestData.CreateEndpointAsync(_portal.Services);
        var sender = _portal.Services.GetRequiredService<TestPayloadSender>();

        var result = await sender.SendAsync(InboundTestData.Operator, endpoint.ConnectionId, CancellationToken.None);

        Assert.True(result.Succeeded, result.ErrorText);
        var answer = result.Value!;
        Assert.True(answer.Accepted, answer.Summary);
        Assert.Equal(202, answer.StatusCode);
        Assert.Equal($"202 Accepted · response id {answer.ResponseId}", answer.Summary);
        var page = await _portal.Services.GetRequiredService<MessageQuery>()
            .PageAsync(new MessageFilter { Text = answer.ResponseId }, 0, 10, false, CancellationToken.None);
        var row = Assert.Single(page.Rows);
        Assert.Equal(("TEST0000001", "test"), (row.Number, row.EventName));
    }

    [Fact]
    public async Task TestPayload_AsViewer_IsRefused_AndSendsNothing()
    {
        var endpoint = await InboundTestData.CreateEndpointAsync(_portal.Services);

        var result = await _portal.Services.GetRequiredService<TestPayloadSender>()
            .SendAsync(InboundTestData.Viewer, endpoint.ConnectionId, CancellationToken.None);

        Assert.Equal(ServiceFailure.Forbidden, result.Failure);
        Assert.Equal("Only an Operator or Admin can send a test payload.", result.ErrorText);
        Assert.Empty(await InboundTestData.MessagesAsync(_portal.Services));
    }

    [Fact]
    public async Task TestPayload_AfterRotationElsewhere_UsesTheCurrentPassword()
    {
        var endpoint = await InboundTestData.CreateEndpointAsync(_portal.Services);
        await InboundTestData.RotateAsync(_portal.Services, endpoint.ConnectionId);

        var result = await _portal.Services.GetRequiredService<TestPayloadSender>()
            .SendAsync(InboundTestData.Admin, endpoint.ConnectionId, CancellationToken.None);

        Assert.True(result.Succeeded, result.ErrorText);
        Assert.True(result.Value!.Accepted, result.Value.Summary);
    }

    [Fact]
    public async Task GeneratePassword_AsOperator_IsRefused_AndAsAdmin_IsAudited()
    {
        var connectionId = await InboundTestData.CreateConnectionAsync(_portal.Services);
        var administration = _portal.Services.GetRequiredService<InboundEndpointAdministration>();

        var refused = await administration.GeneratePasswordAsync(InboundTestData.Operator, connectionId, CancellationToken.None);
        var generated = await administration.GeneratePasswordAsync(InboundTestData.Admin, connectionId, CancellationToken.None);

        Assert.Null(refused.Value);
        Assert.Equal((ServiceFailure.Forbidden, "Only an Admin can generate the receiver's password."), (refused.Failure, refused.ErrorText));
        Assert.True(generated.Value!.Length >= 30);
        var view = await administration.GetAsync(connectionId, CancellationToken.None);
        Assert.Equal("ada@example.com", view!.PasswordSetBy);
    }

    [Fact]
    public async Task StoredEndpoint_HoldsNoClearTextPassword()
    {
        var endpoint = await InboundTestData.CreateEndpointAsync(_portal.Services);
        var factory = _portal.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Data.PortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync();

        var row = db.InboundEndpoints.Single();

        Assert.DoesNotContain(endpoint.Password, row.PasswordHash!, StringComparison.Ordinal);
        Assert.DoesNotContain(endpoint.Password, row.ProtectedPassword!, StringComparison.Ordinal);
        Assert.StartsWith("AQAAAA", row.PasswordHash, StringComparison.Ordinal); // Identity's PBKDF2 v3 format
    }

    [Fact]
    public void SetupKit_UpdateSet_HasRestMessageAuthProfileRulesPerTableAndForAttachments_WithoutPassword()
    {
        var kit = new SetupKit("Acme \"Prod\"", "k3y", "snconnect.inbound.7", new Uri("https://portal.example.com/api/inbound/k3y"),
            ["incident", "problem", "bad table;drop"], new DateTime(2026, 11, 21, 10, 0, 0, DateTimeKind.Utc));

        var xml = XDocument.Parse(kit.UpdateSetXml());

        Assert.Equal("unload", xml.Root!.Name.LocalName);
        Assert.Single(xml.Root.Elements("sys_remote_update_set"));
        var payloads = xml.Root.Elements("sys_update_xml").Select(u => XDocument.Parse(u.Element("payload")!.Value).Root!).ToList();
        var byTable = payloads.GroupBy(p => p.Attribute("table")!.Value).ToDictionary(g => g.Key, g => g.Select(p => p.Elements().Single()).ToList());
        Assert.Equal("https://portal.example.com/api/inbound/k3y", byTable["sys_rest_message"].Single().Element("rest_endpoint")!.Value);
        var profile = byTable["sys_auth_profile_basic"].Single();
        Assert.Equal(("snconnect.inbound.7", ""), (profile.Element("username")!.Value, profile.Element("password")!.Value));
        Assert.Equal(["incident", "problem", "sys_attachment"], byTable["sys_script"].Select(r => r.Element("collection")!.Value).Order());
        Assert.All(byTable["sys_script"], r => Assert.Equal("async", r.Element("when")!.Value));
        Assert.Equal(["post", "test"], byTable["sys_rest_message_fn"].Select(r => r.Element("function_name")!.Value).Order());
        Assert.Contains("content_base64", byTable["sys_script"].Single(r => r.Element("collection")!.Value == "sys_attachment").Element("script")!.Value, StringComparison.Ordinal);
        Assert.Contains("'SnConnectPortal Acme \\\"Prod\\\"'", kit.RecordRuleScript(), StringComparison.Ordinal);
        Assert.Equal(kit.UpdateSetXml(), kit.UpdateSetXml());
    }

    public void Dispose() => _portal.Dispose();
}
