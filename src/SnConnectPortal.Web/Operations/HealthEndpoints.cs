using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace SnConnectPortal.Web.Operations;

public static class HealthEndpoints
{
    /// <summary>Tag of the checks that must pass before the portal takes traffic (the database, for one).</summary>
    public const string ReadyTag = "ready";

    /// <summary><c>/health/live</c>: the process answers. <c>/health/ready</c>: and its dependencies do.</summary>
    public static IEndpointRouteBuilder MapPortalHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) }).AllowAnonymous();
        return endpoints;
    }
}
