using Bunit;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.Messages;

namespace SnConnectPortal.Web.Tests.Components.Messages;

/// <summary>A message's attachments in its details: an outbound message's show where each upload stands.</summary>
public sealed class MessageAttachmentsTableTests : PortalComponentTest
{
    public MessageAttachmentsTableTests()
    {
        // The first page is given; the query is asked only for further pages.
        Context.Services.AddSingleton(new MessageQuery(null!));
    }

    [Fact]
    public void OutboundAttachments_ShowTheirUploadState_InPlaceOfTheHashCheck()
    {
        MessageAttachment[] attachments =
        [
            Outbound("disk.log", AttachmentUploadState.Uploaded, sysId: "a1b2c3", uploadedAt: new DateTime(2026, 12, 2, 17, 0, 5, DateTimeKind.Utc)),
            Outbound("screen.png", AttachmentUploadState.Pending),
            Outbound("trace.txt", AttachmentUploadState.Uncertain, error: "trace.txt: ServiceNow Timeout"),
            Outbound("core.dump", AttachmentUploadState.Rejected, error: "core.dump: ServiceNow PayloadTooLarge (413)"),
        ];

        var table = Context.Render<MessageAttachmentsTable>(p => p
            .Add(t => t.MessageId, 1).Add(t => t.FirstPage, attachments).Add(t => t.Count, attachments.Length));

        Assert.Contains("Upload to ServiceNow", table.Find("thead").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("SHA-256", table.Find("thead").TextContent, StringComparison.Ordinal);
        Assert.Equal(
            [
                "Uploaded 2026-12-02 17:00:05 UTC as a1b2c3",
                "Waiting for its record",
                "Looked for before it is uploaded again: trace.txt: ServiceNow Timeout",
                "Refused: core.dump: ServiceNow PayloadTooLarge (413)",
            ],
            table.FindAll("[data-testid=attachment-upload]").Select(cell => cell.TextContent));
    }

    [Fact]
    public void InboundAttachments_KeepTheHashCheck()
    {
        MessageAttachment[] attachments = [new() { FileName = "a.txt", ContentType = "text/plain", ContentBytes = 3, HashMatches = true }];

        var table = Context.Render<MessageAttachmentsTable>(p => p
            .Add(t => t.MessageId, 1).Add(t => t.FirstPage, attachments).Add(t => t.Count, 1));

        Assert.Contains("SHA-256", table.Find("thead").TextContent, StringComparison.Ordinal);
        Assert.Empty(table.FindAll("[data-testid=attachment-upload]"));
        Assert.Contains("matches", table.Find("tbody").TextContent, StringComparison.Ordinal);
    }

    private static MessageAttachment Outbound(string fileName, AttachmentUploadState state, string? sysId = null, DateTime? uploadedAt = null, string? error = null) => new()
    {
        FileName = fileName, ContentType = "application/octet-stream", ContentBytes = 10, DeclaredSizeBytes = 10,
        UploadState = state, SysId = sysId, UploadedAt = uploadedAt, UploadError = error,
    };
}
