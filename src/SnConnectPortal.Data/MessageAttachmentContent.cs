namespace SnConnectPortal.Data;

/// <summary>
/// The bytes of an outbound <see cref="MessageAttachment"/>, in a table of their own so that listing a message's
/// attachments never reads them.
/// </summary>
public class MessageAttachmentContent
{
    public long AttachmentId { get; set; }

    public required byte[] Bytes { get; set; }
}
