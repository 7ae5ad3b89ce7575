namespace SnConnectPortal.ServiceNow.Records;

/// <summary>Attachment metadata (sys_attachment) as the Attachment API returns it.</summary>
public sealed record AttachmentRecord(
    string SysId,
    string FileName,
    string ContentType,
    long SizeBytes,
    string TableName,
    string TableSysId,
    string? Hash,
    ServiceNowRecord Record)
{
    public static AttachmentRecord From(ServiceNowRecord record) => new(
        record.SysId,
        record["file_name"],
        record["content_type"],
        long.TryParse(record["size_bytes"], out var size) ? size : 0,
        record["table_name"],
        record["table_sys_id"],
        record.Fields.TryGetValue("hash", out var hash) && hash.Length > 0 ? hash : null,
        record);
}
