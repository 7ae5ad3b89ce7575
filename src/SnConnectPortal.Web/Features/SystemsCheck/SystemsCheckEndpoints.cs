using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using SnConnectPortal.Web.Features.ApiKeys;

namespace SnConnectPortal.Web.Features.SystemsCheck;

/// <summary>
/// The Systems Check from the server, for monitoring (Operators and Admins):
/// <c>POST /api/connections/{id}/systems-check[?createTestIncident=true]</c> runs it and answers the whole report;
/// <c>GET /api/connections/{id}/systems-check</c> lists the latest runs; <c>GET .../systems-check/{runId}</c> returns one.
/// The outcome is in the body (<c>outcome</c>: Passed, PassedWithWarnings or Failed); the HTTP status says only whether
/// the check could run. The POST changes the connection's status and may create an incident, so a cookie-authenticated
/// caller sends the antiforgery token in the <c>RequestVerificationToken</c> header (400 without it). An API key with
/// <c>monitor:read</c> may call all three instead of the cookie (no token: a cross-site page cannot send the key's header).
/// </summary>
public static class SystemsCheckEndpoints
{
    public static IEndpointRouteBuilder MapSystemsCheck(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/connections/{connectionId:long}/systems-check").WithTags("Systems Check");

        // Signed-in portal users reach the handler; the service refuses anyone but an Admin or Operator with a plain 403
        // (the cookie scheme's access-denied page is for browsers, not for a monitoring POST).
        group.MapPost("", RunAsync).RequireAuthorization(MonitoringPolicies.SignedInOrMonitorKey)
            .WithMetadata(new RequireAntiforgeryTokenAttribute());
        group.MapGet("", HistoryAsync).RequireAuthorization(MonitoringPolicies.OperatorOrMonitorKey);
        group.MapGet("{runId:long}", GetAsync).RequireAuthorization(MonitoringPolicies.OperatorOrMonitorKey);
        return endpoints;
    }

    private static async Task<Results<Ok<SystemsCheckApiReport>, NotFound<string>, ProblemHttpResult>> RunAsync(
        long connectionId, bool? createTestIncident, HttpContext context, ClaimsPrincipal user, SystemsCheckService service, CancellationToken cancellationToken)
    {
        // The endpoint binds no form, so nothing else rejects a request whose token the middleware found invalid.
        if (!user.IsApiKey() && context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
        {
            return TypedResults.Problem("The antiforgery token is missing or invalid: send the page's token in the RequestVerificationToken header.",
                statusCode: StatusCodes.Status400BadRequest);
        }

        var result = await service.RunAsync(user, connectionId, createTestIncident == true, SystemsCheckTriggers.Api, onStep: null, cancellationToken);
        return result switch
        {
            { Value: { } report } => TypedResults.Ok(SystemsCheckApiReport.Of(report)),
            { Failure: ServiceFailure.NotFound } => TypedResults.NotFound(result.ErrorText),
            _ => result.ToProblem(),
        };
    }

    private static async Task<Ok<IReadOnlyList<SystemsCheckRunSummary>>> HistoryAsync(
        long connectionId, int? take, ClaimsPrincipal user, SystemsCheckService service, CancellationToken cancellationToken) =>
        TypedResults.Ok(await service.HistoryAsync(user, connectionId, take ?? 20, cancellationToken));

    private static async Task<Results<Ok<SystemsCheckApiReport>, NotFound>> GetAsync(
        long connectionId, long runId, ClaimsPrincipal user, SystemsCheckService service, CancellationToken cancellationToken) =>
        await service.GetAsync(user, runId, cancellationToken) is { } report && report.ConnectionId == connectionId
            ? TypedResults.Ok(SystemsCheckApiReport.Of(report))
            : TypedResults.NotFound();
}

/// <summary>The report as the server endpoint answers it (enums by name, durations in milliseconds).</summary>
public sealed record SystemsCheckApiReport(
    long RunId,
    long ConnectionId,
    string Connection,
    DateTime StartedAt,
    DateTime? FinishedAt,
    string StartedBy,
    string Trigger,
    string Outcome,
    string Summary,
    string ConnectionStatus,
    string? TestIncidentNumber,
    string? TestIncidentUrl,
    IReadOnlyList<SystemsCheckApiStep> Steps)
{
    public static SystemsCheckApiReport Of(SystemsCheckReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(report.RunId, report.ConnectionId, report.ConnectionName, report.StartedAt, report.FinishedAt, report.StartedBy,
            report.Trigger, report.Outcome.ToString(), report.Summary, report.ConnectionStatus.ToString(), report.TestIncidentNumber,
            report.TestIncidentUrl?.AbsoluteUri,
            [.. report.Steps.Select(s => new SystemsCheckApiStep(s.Key, s.Name, s.Outcome.ToString(), (long)s.Duration.TotalMilliseconds,
                s.Seen, s.Remedy, s.LinkUrl?.AbsoluteUri))]);
    }
}

/// <summary>One step in <see cref="SystemsCheckApiReport"/>.</summary>
public sealed record SystemsCheckApiStep(string Key, string Name, string Outcome, long DurationMs, string Seen, string? Remedy, string? Link);
