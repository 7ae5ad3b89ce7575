using System.Text.RegularExpressions;
using SnConnectPortal.Sandbox.Errors;

namespace SnConnectPortal.Sandbox.Http;

/// <summary>
/// Any <c>/api/*</c> request no endpoint took: 405 when the path names a resource the sandbox serves (with another
/// method), else ServiceNow's 400 for a URI that names no resource.
/// </summary>
internal static partial class UnknownApiEndpoint
{
    public static void MapUnknownApi(this IEndpointRouteBuilder app) =>
        app.Map("/api/{**rest}", (HttpContext context) =>
            (KnownResource().IsMatch(context.Request.Path.Value ?? "")
                ? new ServiceNowError(StatusCodes.Status405MethodNotAllowed, "Method not Supported", null)
                : ServiceNowError.BadRequest("Requested URI does not represent any resource", null)).WriteAsync(context));

    [GeneratedRegex("^/api/now/((v[12]/)?table/[^/]+(/[^/]+)?|attachment(/.*)?|import/[^/]+)$")]
    private static partial Regex KnownResource();
}
