using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace SnConnectPortal.Web.Features.Events;

/// <summary>
/// One event as <c>multipart/form-data</c>: a part named <c>event</c> with the event's JSON, and each file as a part
/// with a file name (its Content-Type the attachment's), as <c>curl -F 'event=&lt;event.json' -F 'file=@trace.log'</c>
/// sends them. The files become the event's attachments, after any the JSON carries.
/// </summary>
public static class MultipartEvent
{
    public const string EventPart = "event";

    /// <summary>The boundary of a <c>multipart/form-data</c> content type, or null for any other.</summary>
    public static string? Boundary(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
        && HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is { Length: > 0 } boundary
            ? boundary
            : null;

    /// <summary>The event part's bytes and the files, or why the body is not such a form.</summary>
    public static async Task<(byte[]? EventJson, List<IncomingAttachment> Files, string? Error)> ReadAsync(
        ReadOnlyMemory<byte> body, string boundary, CancellationToken cancellationToken)
    {
        byte[]? eventJson = null;
        List<IncomingAttachment> files = [];
        var reader = new MultipartReader(boundary, new MemoryStream(body.ToArray(), writable: false));
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !(disposition.IsFormDisposition() || disposition.IsFileDisposition()))
                {
                    return (null, files, "Each part has Content-Disposition: form-data with a name.");
                }

                using var content = new MemoryStream();
                await section.Body.CopyToAsync(content, cancellationToken);
                if (disposition.IsFileDisposition())
                {
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                    files.Add(IncomingAttachment.FromFile(fileName, section.ContentType, content.ToArray()));
                }
                else if (HeaderUtilities.RemoveQuotes(disposition.Name).Value == EventPart && eventJson is null)
                {
                    eventJson = content.ToArray();
                }
                else
                {
                    return (null, files, $"A form carries one part named \"{EventPart}\" (the event's JSON) and file parts; \"{disposition.Name}\" is neither.");
                }
            }
        }
        catch (IOException e)
        {
            return (null, files, $"The multipart body could not be read: {e.Message}");
        }

        return eventJson is null ? (null, files, $"The form has no part named \"{EventPart}\" with the event's JSON.") : (eventJson, files, null);
    }
}
