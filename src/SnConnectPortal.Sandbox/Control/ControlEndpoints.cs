using System.Text.Json;
using SnConnectPortal.Sandbox.BusinessRules;
using SnConnectPortal.Sandbox.Configuration;
using SnConnectPortal.Sandbox.Faults;
using SnConnectPortal.Sandbox.RateLimits;
using SnConnectPortal.Sandbox.Seeding;

namespace SnConnectPortal.Sandbox.Control;

/// <summary>
/// The test control surface under <c>/sandbox/</c> (not part of ServiceNow's surface; no auth; camelCase JSON):
/// health, reset, seed, config, faults, rate limits, users, request log, counters and the REST message.
/// </summary>
internal static class ControlEndpoints
{
    private const int MaxSeedCount = 1_000_000;

    public static void MapControl(this IEndpointRouteBuilder app)
    {
        var control = app.MapGroup("/sandbox");
        control.MapGet("/health", () => Results.Ok(new { status = "ok" }));
        control.MapPost("/reset", (SandboxReset reset) =>
        {
            reset.Reset();
            return Results.Ok(new { status = "reset" });
        });
        control.MapPost("/seed", Seed);
        control.MapGet("/config", (RuntimeSettingsHolder settings) => Results.Ok(settings.Current));
        control.MapPost("/config", Configure);
        control.MapPost("/faults", (FaultRule rule, FaultRegistry faults) =>
        {
            faults.Add(rule);
            return Results.Ok(rule);
        });
        control.MapDelete("/faults", (FaultRegistry faults) =>
        {
            faults.Clear();
            return Results.NoContent();
        });
        control.MapPost("/rate-limits", (RateLimitRequest request, RateLimiter limiter) =>
            request.PerHour is null && request.PerSecond is null
                ? Problem("perHour or perSecond is required.")
                : Results.Ok(limiter.Add(request)));
        control.MapDelete("/rate-limits", (RateLimiter limiter) =>
        {
            limiter.Clear();
            return Results.NoContent();
        });
        control.MapPost("/users", (CreateUserRequest request, SandboxUsers users) =>
            users.Create(request) switch
            {
                (string sysId, _) => Results.Ok(new { sysId }),
                (_, var error) => Problem(error ?? "The user could not be created."),
            });
        control.MapGet("/requests", (RequestLog log) => Results.Ok(log.Entries()));
        control.MapGet("/counters", (RequestLog log) =>
        {
            var (requests, byStatus) = log.Counters();
            return Results.Ok(new { requests, byStatus });
        });
        control.MapPost("/rest-message", ConfigureRestMessage);
        control.MapGet("/rest-message/deliveries", (DeliveryLog deliveries) => Results.Ok(deliveries.All()));
    }

    private static IResult Seed(SeedRequest request, InstanceSeeder seeder)
    {
        if (request.Users is < 0 or > MaxSeedCount || request.Groups is < 0 or > MaxSeedCount
            || request.Incidents is < 0 or > MaxSeedCount)
        {
            return Problem($"Counts must be between 0 and {MaxSeedCount}.");
        }

        seeder.Reseed(new SeedCounts(request.Users, request.Groups, request.Incidents));
        return Results.Ok(request);
    }

    private static IResult Configure(JsonElement patch, RuntimeSettingsHolder settings)
    {
        var unknown = settings.TryApply(patch, out var error);
        if (error is not null)
        {
            return Problem(error);
        }

        return unknown.Count > 0
            ? Problem($"Unknown settings: {string.Join(", ", unknown)}")
            : Results.Ok(settings.Current);
    }

    private static IResult ConfigureRestMessage(RestMessageRequest request, RecordEvents events)
    {
        if (!Uri.TryCreate(request.Endpoint, UriKind.Absolute, out var endpoint)
            || endpoint.Scheme is not ("http" or "https"))
        {
            return Problem("endpoint must be an absolute http(s) URL.");
        }

        events.Configure(new RestMessageSettings(
            endpoint,
            request.UserName,
            request.Password,
            new HashSet<string>(request.Tables ?? [], StringComparer.Ordinal),
            request.Attachments));
        return Results.Ok(new { endpoint, tables = request.Tables ?? [], request.Attachments });
    }

    private static IResult Problem(string message) => Results.BadRequest(new { error = message });
}
