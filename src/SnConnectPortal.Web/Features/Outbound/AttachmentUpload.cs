using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using SnConnectPortal.Data;
using SnConnectPortal.ServiceNow;
using SnConnectPortal.ServiceNow.Errors;
using SnConnectPortal.ServiceNow.Queries;

namespace SnConnectPortal.Web.Features.Outbound;

/// <summary>
/// Uploads an outbound message's attachments to its record once that exists (Attachment API, <c>POST
/// /api/now/attachment/file</c>), each once: an uploaded one keeps its sys_id and is never sent again, and one whose
/// upload may have reached ServiceNow (5xx, timeout, dropped connection) is first looked for among the record's
/// attachments (sys_attachment, by file name and SHA-256). A 429 or an uncertain upload stops the round (the instance is
/// struggling; the rest wait for the message's next attempt); a refused one (400, 404, 413 ...) is marked Rejected and
/// the others still go.
/// </summary>
public sealed class AttachmentUpload(IDbContextFactory<PortalDbContext> dbContextFactory, TimeProvider timeProvider)
{
    private const string AttachmentTable = "sys_attachment";
    private const string DefaultContentType = "application/octet-stream";

    /// <summary>A new attachment of an outbound message, waiting for its record.</summary>
    public static MessageAttachment Pending(string fileName, string? contentType, byte[] bytes) => new()
    {
        FileName = fileName,
        ContentType = contentType ?? DefaultContentType,
        DeclaredSizeBytes = bytes.Length,
        ContentBytes = bytes.Length,
        Hash = Convert.ToHexStringLower(SHA256.HashData(bytes)),
        UploadState = AttachmentUploadState.Pending,
        Content = new MessageAttachmentContent { Bytes = bytes },
    };

    /// <summary>
    /// Uploads the <paramref name="attachments"/> (tracked: their state is saved with the attempt) that are not
    /// uploaded yet to the record <paramref name="sysId"/> of <paramref name="table"/>.
    /// </summary>
    public async Task<AttachmentUploads> UploadAsync(
        IServiceNowClient client, string table, string sysId, IReadOnlyList<MessageAttachment> attachments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(attachments);
        var uploads = new AttachmentUploads();
        foreach (var attachment in attachments.Where(a => a.UploadState != AttachmentUploadState.Uploaded))
        {
            try
            {
                if (attachment.UploadState == AttachmentUploadState.Uncertain
                    && await FindAsync(client, sysId, attachment, cancellationToken) is { } found)
                {
                    Uploaded(attachment, found);
                    uploads.Found++;
                    continue;
                }

                await using var content = new MemoryStream(await ContentAsync(attachment.Id, cancellationToken), writable: false);
                var stored = await client.UploadAttachmentAsync(table, sysId, attachment.FileName!, attachment.ContentType ?? DefaultContentType,
                    content, cancellationToken);
                Uploaded(attachment, stored.Value.SysId);
                uploads.Uploaded++;
                uploads.LastStatus = stored.Response.StatusCode;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Shutting down mid-upload: it may have reached ServiceNow, so the next attempt looks for it first.
                attachment.UploadState = AttachmentUploadState.Uncertain;
                attachment.UploadError = $"{attachment.FileName}: the portal stopped during its upload.";
                throw;
            }
            catch (ServiceNowException e)
            {
                var error = e.Error;
                attachment.UploadError = MessageDelivery.Clip($"{attachment.FileName}: {error.Describe()}");
                switch (error.Kind)
                {
                    case ServiceNowErrorKind.RateLimited:
                        attachment.UploadState = AttachmentUploadState.Pending;
                        uploads.Stopped = (attachment, error);
                        return uploads;
                    case ServiceNowErrorKind.ServerError or ServiceNowErrorKind.Timeout or ServiceNowErrorKind.Connection:
                        attachment.UploadState = AttachmentUploadState.Uncertain;
                        uploads.Stopped = (attachment, error);
                        return uploads;
                    default:
                        attachment.UploadState = AttachmentUploadState.Rejected;
                        uploads.Rejected.Add((attachment, error));
                        break;
                }
            }
        }

        return uploads;
    }

    private void Uploaded(MessageAttachment attachment, string sysId)
    {
        attachment.SysId = sysId;
        attachment.UploadState = AttachmentUploadState.Uploaded;
        attachment.UploadedAt = timeProvider.GetUtcNow().UtcDateTime;
        attachment.UploadError = null;
    }

    /// <summary>The sys_id of the record's attachment with this file name and content, if an earlier upload stored it.</summary>
    private static async Task<string?> FindAsync(IServiceNowClient client, string sysId, MessageAttachment attachment, CancellationToken cancellationToken)
    {
        var query = new TableQuery
        {
            Query = EncodedQuery.Create().Where("table_sys_id", sysId).And("file_name", attachment.FileName!),
            Fields = ["sys_id", "hash", "size_bytes"],
        };
        var page = await client.QueryPageAsync(AttachmentTable, query, 0, cancellationToken);
        return page.Records.FirstOrDefault(r => r.Fields.TryGetValue("hash", out var hash) && hash.Length > 0
            ? string.Equals(hash, attachment.Hash, StringComparison.OrdinalIgnoreCase)
            : r.Fields.GetValueOrDefault("size_bytes") == attachment.ContentBytes?.ToString(System.Globalization.CultureInfo.InvariantCulture))?.SysId;
    }

    private async Task<byte[]> ContentAsync(long attachmentId, CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        return await db.MessageAttachmentContents.AsNoTracking().Where(c => c.AttachmentId == attachmentId).Select(c => c.Bytes).FirstAsync(cancellationToken);
    }
}

/// <summary>What one round of <see cref="AttachmentUpload.UploadAsync"/> did.</summary>
public sealed class AttachmentUploads
{
    public int Uploaded { get; set; }

    /// <summary>Found stored by an earlier, uncertain upload: not uploaded again.</summary>
    public int Found { get; set; }

    public int? LastStatus { get; set; }

    /// <summary>The attachment whose 429 or uncertain upload ended the round; the rest were not tried.</summary>
    public (MessageAttachment Attachment, ServiceNowError Error)? Stopped { get; set; }

    public List<(MessageAttachment Attachment, ServiceNowError Error)> Rejected { get; } = [];
}
