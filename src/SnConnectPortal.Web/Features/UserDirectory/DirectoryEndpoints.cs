using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SnConnectPortal.Web.Security;
using SnConnectPortal.Web.Features.UserDirectory;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// HTTP endpoints of the mapping screen: the CSV export (any role) and the CSV import of hub users (Admins and
/// Operators; antiforgery-checked form post, size-limited).
/// </summary>
public static class DirectoryEndpoints
{
    public const string ExportPath = "/directory/export.csv";
    public const string ImportPath = "/directory/hub-users/import";

    /// <summary>The export's address for a connection and filter.</summary>
    public static string ExportUrl(long connectionId, MappingFilter filter) =>
        $"{ExportPath}?connection={connectionId}&filter={filter}";

    public static IEndpointRouteBuilder MapPortalDirectory(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ExportPath, ExportAsync).RequireAuthorization(PortalPolicies.Viewer);
        endpoints.MapPost(ImportPath, ImportAsync).RequireAuthorization(PortalPolicies.Operator)
            .WithMetadata(new RequireAntiforgeryTokenAttribute());
        return endpoints;
    }

    private static async Task<IResult> ExportAsync(
        HttpContext context, MappingQueries queries, [FromQuery] long connection, [FromQuery] string? filter, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<MappingFilter>(filter ?? nameof(MappingFilter.All), ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
        {
            return Results.Problem($"Unknown filter '{filter}'. Use All, Unmapped, Suggested, Conflicts or Mapped.", statusCode: StatusCodes.Status400BadRequest);
        }

        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"user-mapping-{connection}-{parsed.ToString().ToLowerInvariant()}.csv\"";
        await queries.WriteCsvAsync(connection, parsed, context.Response.Body, cancellationToken);
        return Results.Empty;
    }

    private static async Task<IResult> ImportAsync(HttpContext context, HubUsers hubUsers, IOptions<DirectoryOptions> options, CancellationToken cancellationToken)
    {
        // Checked without touching the form: reading it with an invalid antiforgery token throws.
        var contentType = context.Request.ContentType ?? "";
        if (!contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Problem("Send the CSV as a multipart form field named 'file'.", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
        {
            return Results.Problem("The form's antiforgery token is missing or invalid: reload the page and try again.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (context.Request.ContentLength > options.Value.MaxCsvBytes + 64 * 1024)
        {
            return Results.Problem($"The file is larger than {Math.Max(1, options.Value.MaxCsvBytes / 1024)} KB.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        if (form.Files.GetFile("file") is not { } file)
        {
            return Results.Problem("Send the CSV as a multipart form field named 'file'.", statusCode: StatusCodes.Status400BadRequest);
        }

        await using var stream = file.OpenReadStream();
        var result = await hubUsers.ImportCsvAsync(context.User, stream, cancellationToken);
        return result.FileRejected
            ? Results.Problem(result.FileError, statusCode: StatusCodes.Status400BadRequest)
            : Results.Ok(result);
    }
}
