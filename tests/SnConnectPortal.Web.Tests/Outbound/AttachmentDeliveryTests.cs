using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Data;
using SnConnectPortal.Testing;
using SnConnectPortal.Web.Features.ApiKeys;
using SnConnectPortal.Web.Features.Messages;
using SnConnectPortal.Web.Tests.Events;
using SnConnectPortal.Web.Tests.Inbound;

namespace SnConnectPortal.Web.Tests.Outbound;

/// <summary>
/// Events with attachments through <c>POST /api/events</c>, delivered to the sandbox over HTTP: each attachment is
/// uploaded to the record once it exists, once, and retried on its own.
/// </summary>
public sealed class AttachmentDeliveryTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    private const string UploadPath = "/api/now/attachment/file";
    private static readonly MessageStatus[] Final = [MessageStatus.Delivered, MessageStatus.Failed, MessageStatus.DeadLettered];
    private static readonly byte[] Log = "2026-12-02T17:00:00Z disk /var at 100%\n"u8.ToArray();
    private static readonly byte[] Screenshot = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];
    private readonly SandboxProcess _sandbox = fixture.Sandbox;

    [Fact]
    public async Task EventWithTwoAttachments_UploadsEachOnceToItsIncident_ThenIsDelivered()
    {
        await _sandbox.ResetAsync();
        await using var host = await OutboundTestHost.StartAsync(_sandbox.BaseUrl);

        var (message, attachments) = await DeliverAsync(host, EventsApiPortal.NewEventId());

        Assert.Equal(MessageStatus.Delivered, message.Status);
        var stored = await StoredAttachmentsAsync(message.RecordSysId!);
        Assert.Equal(["disk.log", "screen.png"], stored.Select(a => a.GetProperty("file_name").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(Log, await DownloadAsync(stored.Single(a => a.GetProperty("file_name").GetString() == "disk.log")));
        Assert.Equal(Screenshot, await DownloadAsync(stored.Single(a => a.GetProperty("file_name").GetString() == "screen.png")));
        Assert.All(attachments, a => Assert.Equal(AttachmentUploadState.Uploaded, a.UploadState));
        Assert.Equal(stored.Select(a => a.GetProperty("sys_id").GetString()).Order(), attachments.Select(a => a.SysId).Order());
        Assert.EndsWith("2 of 2 attachments uploaded.", Assert.Single(message.Attempts).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AttachmentUploadUnavailable_IsRetriedOnItsOwn_WithoutCreatingTheIncidentAgain()
    {
        await _sandbox.ResetAsync();
        await _sandbox.AddFaultAsync(new { pathPrefix = UploadPath, method = "POST", status = 503, count = 2 });
        await using var host = await OutboundTestHost.StartAsync(_sandbox.BaseUrl);
        var id = EventsApiPortal.NewEventId();

        var (message, _) = await DeliverAsync(host, id);

        Assert.Equal(MessageStatus.Delivered, message.Status);
        Assert.Equal([AttemptOutcome.Uncertain, AttemptOutcome.Uncertain, AttemptOutcome.Delivered], message.Attempts.Select(a => a.Outcome));
        Assert.Single(await OutboundTestHost.IncidentsWithCorrelationIdAsync(_sandbox, id));
        Assert.Equal(1, await OutboundTestHost.IncidentPostsAsync(_sandbox));
        Assert.Equal(2, (await StoredAttachmentsAsync(message.RecordSysId!)).Count);
    }

    [Fact]
    public async Task AttachmentStoredButItsAnswerLost_IsFoundOnTheRecord_NotUploadedAgain()
    {
        await _sandbox.ResetAsync();
        await _sandbox.AddFaultAsync(new { pathPrefix = UploadPath, method = "POST", drop = true, afterProcessing = true, count = 1 });
        await using var host = await OutboundTestHost.StartAsync(_sandbox.BaseUrl);

        var (message, attachments) = await DeliverAsync(host, EventsApiPortal.NewEventId());

        Assert.Equal(MessageStatus.Delivered, message.Status);
        Assert.Equal([AttemptOutcome.Uncertain, AttemptOutcome.Delivered], message.Attempts.Select(a => a.Outcome));
        Assert.Contains("(1 found from an earlier attempt)", message.Attempts[1].Detail, StringComparison.Ordinal);
        var stored = await StoredAttachmentsAsync(message.RecordSysId!);
        Assert.Equal(2, stored.Count);
        Assert.Equal(stored.Select(a => a.GetProperty("sys_id").GetString()).Order(), attachments.Select(a => a.SysId).Order());
    }

    [Fact]
    public async Task AttachmentRefused_FailsTheMessageNamingTheFile_KeepingItsIncident_AndARetryUploadsOnlyThatFile()
    {
        await _sandbox.ResetAsync();
        await _sandbox.AddFaultAsync(new { pathPrefix = UploadPath, method = "POST", status = 400, count = 1 });
        await using var host = await OutboundTestHost.StartAsync(_sandbox.BaseUrl);
        var id = EventsApiPortal.NewEventId();

        var (failed, attachments) = await DeliverAsync(host, id);

        Assert.Equal(MessageStatus.Failed, failed.Status);
        Assert.NotNull(failed.RecordSysId);
        Assert.Contains("ServiceNow refused 1 attachment(s): disk.log", failed.LastError, StringComparison.Ordinal);
        Assert.Equal([AttachmentUploadState.Rejected, AttachmentUploadState.Uploaded], attachments.Select(a => a.UploadState));
        Assert.Single(await StoredAttachmentsAsync(failed.RecordSysId!));

        await RetryAsync(host, failed.Id);
        var delivered = await host.WaitForStatusAsync(failed.Id, Final);

        Assert.Equal(MessageStatus.Delivered, delivered.Status);
        Assert.Equal(2, (await StoredAttachmentsAsync(failed.RecordSysId!)).Count);
        Assert.Equal(1, await OutboundTestHost.IncidentPostsAsync(_sandbox));
    }

    private async Task<(Message Message, List<MessageAttachment> Attachments)> DeliverAsync(OutboundTestHost host, string id)
    {
        var key = await EventsApiPortal.CreateKeyAsync(host, "attachments", ApiKeyScopes.EventsWrite);
        var incoming = EventsApiPortal.Create(id);
        incoming["attachments"] = new[]
        {
            new { fileName = "disk.log", contentType = "text/plain", content = Convert.ToBase64String(Log) },
            new { fileName = "screen.png", contentType = "image/png", content = Convert.ToBase64String(Screenshot) },
        };
        var (response, body) = await EventsApiPortal.PostAsync(host, key, incoming);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var message = await host.WaitForStatusAsync(body.GetProperty("messageId").GetInt64(), Final);
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var attachments = await db.MessageAttachments.AsNoTracking().Where(a => a.MessageId == message.Id).OrderBy(a => a.Id).ToListAsync();
        return (message, attachments);
    }

    private static async Task RetryAsync(OutboundTestHost host, long messageId)
    {
        var retried = await host.Services.GetRequiredService<MessageRedelivery>().RetryAsync(InboundTestData.Operator, messageId, CancellationToken.None);
        Assert.True(retried.Succeeded, retried.ErrorText);
    }

    private async Task<List<JsonElement>> StoredAttachmentsAsync(string recordSysId)
    {
        using var admin = OutboundTestHost.SandboxAdmin(_sandbox);
        var answer = await admin.GetFromJsonAsync<JsonElement>($"api/now/attachment?sysparm_query=table_sys_id={recordSysId}");
        return [.. answer.GetProperty("result").EnumerateArray()];
    }

    private async Task<byte[]> DownloadAsync(JsonElement attachment)
    {
        using var admin = OutboundTestHost.SandboxAdmin(_sandbox);
        return await admin.GetByteArrayAsync($"api/now/attachment/{attachment.GetProperty("sys_id").GetString()}/file");
    }
}
