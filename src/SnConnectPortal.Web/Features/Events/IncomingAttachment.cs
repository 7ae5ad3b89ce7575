namespace SnConnectPortal.Web.Features.Events;

/// <summary>
/// A file an event carries, uploaded to the event's record once that exists:
/// <c>{"fileName": "trace.log", "contentType": "text/plain", "content": "&lt;base64&gt;"}</c>.
/// </summary>
public sealed class IncomingAttachment
{
    public string? FileName { get; set; }

    /// <summary>The file's media type, sent to ServiceNow as the upload's Content-Type; application/octet-stream when left out.</summary>
    public string? ContentType { get; set; }

    /// <summary>The file's bytes, base64 (null for a file part of a multipart event).</summary>
    public string? Content { get; set; }

    private byte[]? _bytes;
    private bool _decoded;

    /// <summary>A file sent as a part of a multipart event (<see cref="MultipartEvent"/>): its bytes as they came.</summary>
    public static IncomingAttachment FromFile(string? fileName, string? contentType, byte[] bytes) =>
        new() { FileName = fileName, ContentType = contentType, _bytes = bytes, _decoded = true };

    /// <summary>The decoded bytes (decoded once: the validator and the intake both ask), or null when <see cref="Content"/> is not base64.</summary>
    public byte[]? Bytes()
    {
        if (!_decoded)
        {
            var content = Content ?? "";
            var buffer = new byte[content.Length / 4 * 3 + 3];
            _bytes = Convert.TryFromBase64String(content, buffer, out var written) ? buffer[..written] : null;
            _decoded = true;
        }

        return _bytes;
    }
}
