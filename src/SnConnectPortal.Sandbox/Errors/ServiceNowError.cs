using SnConnectPortal.Sandbox.Http;

namespace SnConnectPortal.Sandbox.Errors;

/// <summary>
/// ServiceNow's error envelope: <c>{"error":{"message":M,"detail":D},"status":"failure"}</c>
/// (SERVICENOW-API.md section 2). <c>detail</c> may be null.
/// </summary>
internal sealed record ServiceNowError(int Status, string Message, string? Detail)
{
    public static ServiceNowError NotAuthenticated() =>
        new(StatusCodes.Status401Unauthorized, "User Not Authenticated", "Required to provide Auth information");

    public static ServiceNowError RecordNotFound() =>
        new(StatusCodes.Status404NotFound, "No Record found", "Record doesn't exist or ACL restricts the record retrieval");

    public static ServiceNowError InvalidTable(string table) =>
        new(StatusCodes.Status400BadRequest, $"Invalid table {table}", null);

    public static ServiceNowError AclDenied(string operation) =>
        new(StatusCodes.Status403Forbidden, "Operation Failed",
            $"ACL Exception {operation} Failed due to security constraints");

    public static ServiceNowError RateLimited(int perHour) =>
        new(StatusCodes.Status429TooManyRequests, "Rate limit exceeded",
            $"Rate limit of {perHour} requests per hour for Table API exceeded");

    public static ServiceNowError PayloadTooLarge(long contentLength, long max) =>
        new(StatusCodes.Status413PayloadTooLarge, "Exception while reading request",
            $"Rejected large REST payload with content-length = {contentLength} Max allowed: {max} bytes.");

    public static ServiceNowError InvalidJson() =>
        new(StatusCodes.Status400BadRequest, "Exception while reading request", "The payload is not valid JSON.");

    public static ServiceNowError UnsupportedAccept() =>
        new(StatusCodes.Status406NotAcceptable, "Requested response format not supported", null);

    public static ServiceNowError UnsupportedContentType() =>
        new(StatusCodes.Status415UnsupportedMediaType, "Requested request format not supported", null);

    public static ServiceNowError BadRequest(string message, string? detail = null) =>
        new(StatusCodes.Status400BadRequest, message, detail);

    /// <summary>The envelope of a generic status (fault injection, 5xx).</summary>
    public static ServiceNowError ForStatus(int status) => status switch
    {
        401 => NotAuthenticated(),
        404 => RecordNotFound(),
        429 => new(status, "Rate limit exceeded", "Rate limit exceeded"),
        _ => new(status, Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase
            ? phrase : "Error", null),
    };

    public Task WriteAsync(HttpContext context)
    {
        if (Status == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"Service-now\"";
        }

        return JsonResponse.WriteAsync(context, Status, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteString("message", Message);
            if (Detail is null)
            {
                writer.WriteNull("detail");
            }
            else
            {
                writer.WriteString("detail", Detail);
            }

            writer.WriteEndObject();
            writer.WriteString("status", "failure");
            writer.WriteEndObject();
        });
    }
}
