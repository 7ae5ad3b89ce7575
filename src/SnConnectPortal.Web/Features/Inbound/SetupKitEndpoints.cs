using SnConnectPortal.Web.Security;

namespace SnConnectPortal.Web.Features.Inbound;

/// <summary>The setup kit's update-set download (Operator): what an Admin imports into ServiceNow to point it here.</summary>
public static class SetupKitEndpoints
{
    public static IEndpointRouteBuilder MapSetupKitDownload(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/connections/{connectionId:long}/inbound/update-set.xml", DownloadAsync).RequireAuthorization(PortalPolicies.Operator);
        return endpoints;
    }

    private static async Task<IResult> DownloadAsync(long connectionId, HttpContext context, InboundEndpointAdministration endpoints,
        InboundUrls urls, TimeProvider timeProvider)
    {
        var view = await endpoints.GetAsync(connectionId, context.RequestAborted);
        if (view?.ConnectionKey is null || view.UserName is null)
        {
            return Results.NotFound(new { error = "This connection has no receiver yet: an Admin generates its password first." });
        }

        var kit = new SetupKit(view.ConnectionName, view.ConnectionKey, view.UserName,
            urls.Receiver(new Uri($"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/"), view.ConnectionKey),
            view.Tables.Split(','), timeProvider.GetUtcNow().UtcDateTime);
        return Results.File(System.Text.Encoding.UTF8.GetBytes(kit.UpdateSetXml()), "application/xml", kit.FileName);
    }
}
