using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SnConnectPortal.Web.Features.ApiKeys;

namespace SnConnectPortal.Web.Operations;

public static class HealthEndpoints
{
    /// <summary>Tag of the checks that must pass before the portal takes traffic (the database, for one).</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// <c>/health/live</c>: the process answers. <c>/health/ready</c>: and its dependencies do. Both anonymous, status only.
    /// <c>/health/details</c>: every check with its status, description and duration, for monitoring (an Operator or
    /// Admin, or an API key with <c>monitor:read</c>).
    /// </summary>
    public static IEndpointRouteBuilder MapPortalHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) }).AllowAnonymous();
        endpoints.MapHealthChecks("/health/details", new HealthCheckOptions { ResponseWriter = WriteDetailsAsync })
            .RequireAuthorization(MonitoringPolicies.OperatorOrMonitorKey);
        return endpoints;
    }

    // Descriptions only: an exception's message may name a server or a connection string.
    private static Task WriteDetailsAsync(HttpContext context, HealthReport report) => context.Response.WriteAsJsonAsync(new
    {
        status = report.Status.ToString(),
        durationMs = (long)report.TotalDuration.TotalMilliseconds,
        checks = report.Entries.Select(entry => new
        {
            name = entry.Key,
            status = entry.Value.Status.ToString(),
            description = entry.Value.Description,
            durationMs = (long)entry.Value.Duration.TotalMilliseconds,
            tags = entry.Value.Tags,
        }),
    });
}
