using Microsoft.AspNetCore.Authorization;
using SnConnectPortal.Web.Security;

namespace SnConnectPortal.Web.Features.ApiKeys;

/// <summary>
/// The policies of the monitoring endpoints (Systems Check API, message export, health details), which take the sign-in
/// cookie or an API key with <see cref="ApiKeyScopes.MonitorRead"/>. Every other policy needs a portal role, which a key
/// never has.
/// </summary>
public static class MonitoringPolicies
{
    /// <summary>A signed-in Operator or Admin, or a <c>monitor:read</c> key.</summary>
    public const string OperatorOrMonitorKey = "OperatorOrMonitorKey";

    /// <summary>Any signed-in portal user (the service then refuses a Viewer with a plain 403), or a <c>monitor:read</c> key.</summary>
    public const string SignedInOrMonitorKey = "SignedInOrMonitorKey";

    public static AuthorizationBuilder AddMonitoringPolicies(this AuthorizationBuilder authorization) => authorization
        .AddPolicy(OperatorOrMonitorKey, policy => policy.RequireAssertion(context =>
            context.User.IsInRole(PortalRoles.Admin) || context.User.IsInRole(PortalRoles.Operator) || IsMonitorKey(context)))
        .AddPolicy(SignedInOrMonitorKey, policy => policy.RequireAssertion(context =>
            PortalRoles.All.Any(context.User.IsInRole) || IsMonitorKey(context)));

    private static bool IsMonitorKey(AuthorizationHandlerContext context) => context.User.HasApiKeyScope(ApiKeyScopes.MonitorRead);
}
