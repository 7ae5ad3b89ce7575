namespace SnConnectPortal.Data;

/// <summary>
/// An attachment of a message. Inbound: one a ServiceNow business rule sent (base64), as metadata. Outbound: one an
/// event carried, uploaded to the message's record once that exists (<see cref="UploadState"/>; its bytes in
/// <see cref="Content"/> until then and after, for the timeline).
/// </summary>
public class MessageAttachment
{
    public long Id { get; set; }

    public long MessageId { get; set; }

    /// <summary>The attachment's sys_id in ServiceNow: as declared (inbound), or once uploaded (outbound).</summary>
    public string? SysId { get; set; }

    public string? FileName { get; set; }

    public string? ContentType { get; set; }

    /// <summary>The size ServiceNow declared (size_bytes).</summary>
    public long? DeclaredSizeBytes { get; set; }

    /// <summary>The declared SHA-256 (hash), hex.</summary>
    public string? Hash { get; set; }

    /// <summary>Bytes of content carried in the message, decoded; null when the message carried metadata only.</summary>
    public long? ContentBytes { get; set; }

    /// <summary>Whether the content's SHA-256 equals <see cref="Hash"/>; null when either is missing.</summary>
    public bool? HashMatches { get; set; }

    /// <summary>Outbound only: where its upload stands; null for inbound attachments.</summary>
    public AttachmentUploadState? UploadState { get; set; }

    /// <summary>Outbound: when ServiceNow stored it.</summary>
    public DateTime? UploadedAt { get; set; }

    /// <summary>Outbound: why the last upload did not succeed, in ServiceNow's words where it gave any.</summary>
    public string? UploadError { get; set; }

    /// <summary>Outbound: the bytes to upload; inbound attachments carry none.</summary>
    public MessageAttachmentContent? Content { get; set; }
}
