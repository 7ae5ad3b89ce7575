using SnConnectPortal.Sandbox.Errors;

namespace SnConnectPortal.Sandbox.Http;

/// <summary>Any other <c>/api/*</c> path: ServiceNow's 400 for a URI that names no resource.</summary>
internal static class UnknownApiEndpoint
{
    public static void MapUnknownApi(this IEndpointRouteBuilder app) =>
        app.Map("/api/{**rest}", (HttpContext context) =>
            ServiceNowError.BadRequest("Requested URI does not represent any resource", null).WriteAsync(context));
}
