using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using SnConnectPortal.Sandbox.Auth;
using SnConnectPortal.Sandbox.Errors;
using SnConnectPortal.Sandbox.Http;
using SnConnectPortal.Sandbox.Store;
using SnConnectPortal.Sandbox.Tables;

namespace SnConnectPortal.Sandbox.Attachments;

/// <summary>The Attachment API at <c>/api/now/attachment</c> (SERVICENOW-API.md section 4).</summary>
internal static class AttachmentEndpoints
{
    private const int DefaultListLimit = 1000;

    public static void MapAttachmentApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/now/attachment");
        group.MapPost("/file", UploadBinaryAsync);
        group.MapPost("/upload", UploadMultipartAsync).DisableAntiforgery();
        group.MapGet("", ListAsync);
        group.MapGet("/{sysId}", GetMetadataAsync);
        group.MapGet("/{sysId}/file", DownloadAsync);
        group.MapDelete("/{sysId}", DeleteAsync);
    }

    private static async Task UploadBinaryAsync(HttpContext context, AttachmentService attachments)
    {
        var query = context.Request.Query;
        if (string.IsNullOrEmpty(context.Request.ContentType))
        {
            await ServiceNowError.BadRequest("Failed to create the attachment", "Content-Type header is required").WriteAsync(context);
            return;
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var (attachment, error) = attachments.Add(Caller.Required(context), query["table_name"], query["table_sys_id"],
            query["file_name"], context.Request.ContentType, buffer.ToArray());
        await RespondCreatedAsync(context, attachments, attachment, error);
    }

    /// <summary>multipart/form-data: table_name and table_sys_id first, the file part last (fields after it are unseen).</summary>
    private static async Task UploadMultipartAsync(HttpContext context, AttachmentService attachments)
    {
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
        {
            await ServiceNowError.UnsupportedContentType().WriteAsync(context);
            return;
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var reader = new MultipartReader(boundary, context.Request.Body);
        while (await reader.ReadNextSectionAsync(context.RequestAborted) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
            {
                continue;
            }

            if (disposition.FileName.HasValue || disposition.FileNameStar.HasValue)
            {
                using var buffer = new MemoryStream();
                await section.Body.CopyToAsync(buffer, context.RequestAborted);
                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue
                    ? disposition.FileNameStar : disposition.FileName).Value;
                var (attachment, error) = attachments.Add(Caller.Required(context),
                    fields.GetValueOrDefault("table_name"), fields.GetValueOrDefault("table_sys_id"), fileName,
                    section.ContentType ?? "application/octet-stream", buffer.ToArray());
                await RespondCreatedAsync(context, attachments, attachment, error);
                return;
            }

            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            using var text = new StreamReader(section.Body);
            fields[name] = await text.ReadToEndAsync(context.RequestAborted);
        }

        await ServiceNowError.BadRequest("Failed to create the attachment",
            "File part might be missing in the request").WriteAsync(context);
    }

    private static async Task ListAsync(HttpContext context, InstanceStore store, TableQuery query, AttachmentService attachments)
    {
        var caller = Caller.Required(context);
        var request = TableReadRequest.Parse(context.Request.Query, DefaultListLimit);
        var instanceUrl = RequestFormat.InstanceUrl(context.Request);
        var (page, body) = store.Read(() =>
        {
            var result = query.Run(TableCatalog.Get(TableCatalog.Attachment), request, caller);
            var json = JsonResponse.Build(w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("result");
                foreach (var row in result.Rows.Where(r => attachments.FindVisible(caller, r.SysId) is not null))
                {
                    attachments.WriteMetadata(w, row, instanceUrl, withNames: false);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            });
            return (result, json);
        });
        PaginationHeaders.Apply(context, instanceUrl, request, page.Total, page.ReturnedBeforeAcl);
        await JsonResponse.WriteAsync(context, StatusCodes.Status200OK, body.WrittenMemory);
    }

    private static async Task GetMetadataAsync(HttpContext context, string sysId, InstanceStore store, AttachmentService attachments)
    {
        var instanceUrl = RequestFormat.InstanceUrl(context.Request);
        var body = store.Read(() => attachments.FindVisible(Caller.Required(context), sysId) is { } attachment
            ? JsonResponse.Build(w =>
            {
                w.WriteStartObject();
                w.WritePropertyName("result");
                attachments.WriteMetadata(w, attachment, instanceUrl, withNames: false);
                w.WriteEndObject();
            })
            : null);
        if (body is null)
        {
            await ServiceNowError.RecordNotFound().WriteAsync(context);
            return;
        }

        await JsonResponse.WriteAsync(context, StatusCodes.Status200OK, body.WrittenMemory);
    }

    private static async Task DownloadAsync(HttpContext context, string sysId, InstanceStore store, AttachmentService attachments)
    {
        var instanceUrl = RequestFormat.InstanceUrl(context.Request);
        var found = store.Read(() => attachments.FindVisible(Caller.Required(context), sysId) is { } attachment
            ? (attachment, store.Content(sysId) ?? [], JsonResponse.Build(w => attachments.WriteMetadata(w, attachment, instanceUrl, withNames: false)))
            : default);
        if (found.attachment is null)
        {
            await ServiceNowError.RecordNotFound().WriteAsync(context);
            return;
        }

        context.Response.Headers["X-Attachment-Metadata"] = System.Text.Encoding.UTF8.GetString(found.Item3.WrittenSpan);
        context.Response.ContentType = found.attachment["content_type"];
        context.Response.ContentLength = found.Item2.Length;
        await context.Response.Body.WriteAsync(found.Item2, context.RequestAborted);
    }

    private static async Task DeleteAsync(HttpContext context, string sysId, AttachmentService attachments)
    {
        if (!attachments.Delete(Caller.Required(context), sysId))
        {
            await ServiceNowError.RecordNotFound().WriteAsync(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private static async Task RespondCreatedAsync(
        HttpContext context, AttachmentService attachments, SnRecord? attachment, ServiceNowError? error)
    {
        if (attachment is null)
        {
            await (error ?? ServiceNowError.BadRequest("Failed to create the attachment")).WriteAsync(context);
            return;
        }

        var instanceUrl = RequestFormat.InstanceUrl(context.Request);
        context.Response.Headers.Location = $"{instanceUrl}/api/now/attachment/{attachment.SysId}";
        await JsonResponse.WriteAsync(context, StatusCodes.Status201Created, w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("result");
            attachments.WriteMetadata(w, attachment, instanceUrl, withNames: true);
            w.WriteEndObject();
        });
    }
}
