using SnConnectPortal.Sandbox.Configuration;
using SnConnectPortal.Sandbox.Errors;

namespace SnConnectPortal.Sandbox.Http;

/// <summary>
/// The REST rules on headers and size (SERVICENOW-API.md sections 1 and 2): a JSON-compatible Accept on every
/// call (missing → 400, other → 406), a JSON Content-Type on writes (missing → 400, other → 415), bodies over
/// glide.rest.max_content_length → 413.
/// </summary>
internal static class RequestFormat
{
    public static ServiceNowError? CheckAccept(HttpRequest request)
    {
        var accept = request.Headers.Accept.ToString();
        if (accept.Length == 0)
        {
            return ServiceNowError.BadRequest("Missing Accept header", "The request must name an Accept media type");
        }

        var acceptable = accept.Split(',').Select(a => a.Split(';')[0].Trim()).Any(a =>
            a.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || a.Equals("application/*", StringComparison.OrdinalIgnoreCase)
            || a == "*/*");
        return acceptable ? null : ServiceNowError.UnsupportedAccept();
    }

    public static ServiceNowError? CheckJsonContentType(HttpRequest request)
    {
        var contentType = request.ContentType;
        if (string.IsNullOrEmpty(contentType))
        {
            return ServiceNowError.BadRequest("Missing Content-Type header", "The request must name a Content-Type media type");
        }

        return contentType.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase)
            ? null
            : ServiceNowError.UnsupportedContentType();
    }

    /// <summary>Reads the body, or returns the 413 error when it is over the instance's REST limit.</summary>
    public static async Task<(byte[]? Body, ServiceNowError? Error)> ReadBodyAsync(
        HttpRequest request, RuntimeSettings settings, CancellationToken ct)
    {
        var max = settings.MaxRequestBodyBytes;
        if (request.ContentLength is { } declared && declared > max)
        {
            return (null, ServiceNowError.PayloadTooLarge(declared, max));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > max)
            {
                return (null, ServiceNowError.PayloadTooLarge(buffer.Length, max));
            }
        }

        return (buffer.ToArray(), null);
    }

    public static string InstanceUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}";
}
