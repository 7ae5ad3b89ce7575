using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using SnConnectPortal.Sandbox.Acls;
using SnConnectPortal.Sandbox.Auth;
using SnConnectPortal.Sandbox.BusinessRules;
using SnConnectPortal.Sandbox.Configuration;
using SnConnectPortal.Sandbox.Errors;
using SnConnectPortal.Sandbox.Store;
using SnConnectPortal.Sandbox.Tables;

namespace SnConnectPortal.Sandbox.Attachments;

/// <summary>Stores attachments (sys_attachment rows plus their bytes) and writes their metadata (SERVICENOW-API.md section 4).</summary>
internal sealed class AttachmentService(InstanceStore store, SandboxClock clock, RowVisibility visibility, RecordEvents events)
{
    public const string ChunkSizeBytes = "700000";

    public (SnRecord? Attachment, ServiceNowError? Error) Add(
        Caller caller, string? tableName, string? tableSysId, string? fileName, string contentType, byte[] content)
    {
        if (string.IsNullOrEmpty(tableName) || string.IsNullOrEmpty(tableSysId) || string.IsNullOrEmpty(fileName))
        {
            return (null, ServiceNowError.BadRequest("Failed to create the attachment",
                "table_name, table_sys_id and file_name are required"));
        }

        if (TableCatalog.Find(tableName) is null)
        {
            return (null, ServiceNowError.InvalidTable(tableName));
        }

        var result = store.Write<(SnRecord?, ServiceNowError?)>(() =>
        {
            if (store.Find(tableName, tableSysId) is not { } target || !visibility.CanSee(caller, tableName, target))
            {
                return (null, ServiceNowError.RecordNotFound());
            }

            if (!TableAcl.CanAttach(caller, tableName))
            {
                return (null, ServiceNowError.AclDenied("Insert"));
            }

            var now = clock.GlideNow();
            var sysId = SysIds.New();
            var size = content.Length.ToString(CultureInfo.InvariantCulture);
            var record = RecordFactory.Create(TableCatalog.Get(TableCatalog.Attachment), sysId, now, caller.UserName,
            [
                new("table_name", tableName), new("table_sys_id", tableSysId), new("file_name", fileName),
                new("content_type", contentType), new("size_bytes", size), new("size_compressed", size),
                new("compressed", "false"), new("hash", Convert.ToHexStringLower(SHA256.HashData(content))),
                new("state", "available"), new("chunk_size_bytes", ChunkSizeBytes),
            ]);
            store.Insert(TableCatalog.Attachment, record);
            store.PutContent(sysId, content);
            return (record, null);
        });

        if (result.Item1 is { } added)
        {
            events.Raise(tableName, tableSysId, RecordEvents.AttachmentAdded, added.SysId);
        }

        return result;
    }

    /// <summary>The attachment if the caller may see it (and so its record), else null. Call inside a store read.</summary>
    public SnRecord? FindVisible(Caller caller, string sysId) =>
        store.Find(TableCatalog.Attachment, sysId) is { } attachment
        && visibility.CanSee(caller, TableCatalog.Attachment, attachment)
        && store.Find(attachment["table_name"], attachment["table_sys_id"]) is { } parent
        && visibility.CanSee(caller, attachment["table_name"], parent)
            ? attachment
            : null;

    public bool Delete(Caller caller, string sysId) => store.Write(() =>
    {
        if (FindVisible(caller, sysId) is not { } attachment || !TableAcl.CanAttach(caller, attachment["table_name"]))
        {
            return false;
        }

        store.Delete(TableCatalog.Attachment, sysId);
        store.DeleteContent(sysId);
        return true;
    });

    /// <summary>The metadata object; POST responses add created_by_name / updated_by_name.</summary>
    public void WriteMetadata(Utf8JsonWriter writer, SnRecord attachment, string instanceUrl, bool withNames)
    {
        writer.WriteStartObject();
        writer.WriteString("table_sys_id", attachment["table_sys_id"]);
        writer.WriteString("size_bytes", attachment["size_bytes"]);
        writer.WriteString("download_link", $"{instanceUrl}/api/now/attachment/{attachment.SysId}/file");
        writer.WriteString("sys_updated_on", attachment["sys_updated_on"]);
        writer.WriteString("sys_id", attachment.SysId);
        writer.WriteString("image_height", attachment["image_height"]);
        writer.WriteString("sys_created_on", attachment["sys_created_on"]);
        writer.WriteString("file_name", attachment["file_name"]);
        writer.WriteString("sys_created_by", attachment["sys_created_by"]);
        writer.WriteString("compressed", attachment["compressed"]);
        writer.WriteString("average_image_color", attachment["average_image_color"]);
        writer.WriteString("sys_updated_by", attachment["sys_updated_by"]);
        writer.WriteString("sys_tags", attachment["sys_tags"]);
        writer.WriteString("table_name", attachment["table_name"]);
        writer.WriteString("image_width", attachment["image_width"]);
        writer.WriteString("sys_mod_count", attachment["sys_mod_count"]);
        writer.WriteString("content_type", attachment["content_type"]);
        writer.WriteString("size_compressed", attachment["size_compressed"]);
        writer.WriteString("chunk_size_bytes", attachment["chunk_size_bytes"]);
        writer.WriteString("hash", attachment["hash"]);
        writer.WriteString("state", attachment["state"]);
        if (withNames)
        {
            writer.WriteString("created_by_name", UserFullName(attachment["sys_created_by"]));
            writer.WriteString("updated_by_name", UserFullName(attachment["sys_updated_by"]));
        }

        writer.WriteEndObject();
    }

    private string UserFullName(string userName) => store.Read(() =>
        store.Table(TableCatalog.User).Rows.FirstOrDefault(u => u["user_name"] == userName)?["name"] ?? userName);
}
