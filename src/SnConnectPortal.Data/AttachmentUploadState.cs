namespace SnConnectPortal.Data;

/// <summary>Where the upload of an outbound <see cref="MessageAttachment"/> stands. Stored by name.</summary>
public enum AttachmentUploadState
{
    /// <summary>Not uploaded yet: waits for its record, or for the next attempt after a 429.</summary>
    Pending,

    /// <summary>ServiceNow stored it (<see cref="MessageAttachment.SysId"/>); it is never sent again.</summary>
    Uploaded,

    /// <summary>5xx, timeout or dropped connection: it may be stored, so the next attempt looks for it before uploading.</summary>
    Uncertain,

    /// <summary>ServiceNow refused it (400, 404, 413 ...): the message fails with the reason; retrying the message tries it again.</summary>
    Rejected,
}
