namespace SnConnectPortal.Data;

/// <summary>
/// Column length limits, defined once: the EF configurations give them to the model (and so to every provider's
/// schema), every form and validator refuses longer text with a message (never cutting it), and code that accepts
/// outside text reads them from here instead of repeating the numbers.
/// </summary>
public static class FieldLengths
{
    public const int ConnectionName = 100;
    public const int InstanceUrl = 500;

    /// <summary>A connection's integration user ID and OAuth client id.</summary>
    public const int ConnectionIdentifier = 256;

    /// <summary>A portal account's email; ASP.NET Core Identity's own column length for Email and UserName.</summary>
    public const int PortalUserEmail = 256;
    public const int PortalUserDisplayName = 200;

    /// <summary>A stored enum's name (e.g. a portal user's theme preference).</summary>
    public const int ThemePreference = 20;

    /// <summary>A portal password as typed; only its hash is stored.</summary>
    public const int PortalUserPassword = 128;

    public const int HubUserExternalId = 200;
    public const int HubUserDisplayName = 200;

    /// <summary>An email address (RFC 5321 allows 254).</summary>
    public const int HubUserEmail = 255;
    public const int HubUserUserName = 255;

    /// <summary>Who did something (a portal account's name), as stored in CreatedBy, UpdatedBy and the audit log.</summary>
    public const int ActorName = 256;

    public const int MessageDirection = 10;
    public const int MessageStatus = 20;

    /// <summary>A ServiceNow table name, e.g. incident.</summary>
    public const int MessageTableName = 80;
    public const int MessageEventName = 40;

    /// <summary>A ServiceNow sys_id: 32 hex digits.</summary>
    public const int SysId = 32;

    /// <summary>A ServiceNow number, e.g. INC0010001.</summary>
    public const int MessageNumber = 40;
    public const int MessageCorrelationId = 100;

    /// <summary>An events API event's id; it becomes the record's correlation_id, so it has that field's length.</summary>
    public const int MessageEventId = MessageCorrelationId;

    /// <summary>A W3C traceparent: version, 16-byte trace id, 8-byte span id and flags in hex, joined by dashes.</summary>
    public const int MessageTraceParent = 55;
    public const int MessageResponseId = 32;
    public const int MessageRemoteAddress = 64;

    public const int AttachmentFileName = 260;
    public const int AttachmentContentType = 200;

    public const int ApiKeyName = 100;

    /// <summary><c>sncp_</c> and 8 random characters.</summary>
    public const int ApiKeyPrefix = 13;

    /// <summary>SHA-256 as lowercase hex.</summary>
    public const int ApiKeyHash = 64;

    /// <summary>An API key's scopes, separated by spaces.</summary>
    public const int ApiKeyScopes = 200;

    /// <summary>A ServiceNow column name (sys_dictionary's element), as a field mapping names source and target fields.</summary>
    public const int MappingFieldName = 80;

    /// <summary>What a field mapping noted while mapping an event (values cut, fields left out), on its message.</summary>
    public const int MessageWarnings = 2000;

    /// <summary>A hex digest (SHA-512 at most).</summary>
    public const int AttachmentHash = 128;
}
