namespace SnConnectPortal.Data;

/// <summary>An attachment carried by a message (ServiceNow business rules send it base64-encoded), as metadata.</summary>
public class MessageAttachment
{
    public long Id { get; set; }

    public long MessageId { get; set; }

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
}
