using System.Globalization;
using SnConnectPortal.ServiceNow.Errors;
using SnConnectPortal.ServiceNow.Queries;
using SnConnectPortal.Web.Features.Outbound;

namespace SnConnectPortal.Web.Features.SystemsCheck.Steps;

/// <summary>
/// The REST API rate limit rules that apply to the integration user, from the X-RateLimit-* headers of this run's
/// answers and one more call; fails when any call of the run was refused with 429.
/// </summary>
internal sealed class RateLimitStep : ISystemsCheckStep
{
    public const string StepKey = "rate-limits";

    public string Key => StepKey;

    public string Name => "REST API rate limits";

    public IReadOnlyList<string> DependsOn => [AuthenticationStep.StepKey];

    public async Task<StepOutcome> RunAsync(SystemsCheckContext context, CancellationToken cancellationToken)
    {
        var user = context.Identity;
        try
        {
            context.Observe(await context.Client.QueryPageAsync("sys_user", new TableQuery { Fields = ["sys_id"], PageSize = 1 }, 0, cancellationToken),
                p => p.Response);
        }
        catch (ServiceNowException exception) when (exception.Kind == ServiceNowErrorKind.RateLimited)
        {
            context.RecordRateLimited(exception.Error);
        }

        if (context.RateLimited.Count > 0)
        {
            var last = context.RateLimited[^1];
            var retry = last.RetryAfter is { } after ? string.Create(CultureInfo.InvariantCulture, $", Retry-After {after.TotalSeconds:0} s") : "";
            var rule = context.RateLimits.LastOrDefault() is { } info
                ? string.Create(CultureInfo.InvariantCulture, $" Rule {info.Rule}: {info.LimitPerHour} requests per hour, resets at {info.Reset:yyyy-MM-dd HH:mm} UTC.")
                : "";
            return StepOutcome.Fail(
                $"{context.RateLimited.Count} call(s) of this check were refused with 429: {SystemsCheckRemedies.Describe(last)}{retry}.{rule}",
                SystemsCheckRemedies.RateLimit(user));
        }

        if (context.RateLimits.Count == 0)
        {
            return StepOutcome.Pass($"No REST API rate limit rule matches '{user}': ServiceNow sent no X-RateLimit-* headers. " +
                "(A real instance applies a new rule within 30 s.)");
        }

        var latest = context.RateLimits[^1];
        var outbound = context.Request.OutboundRateLimit;
        var seen = string.Create(CultureInfo.InvariantCulture,
            $"Rule {latest.Rule} applies to '{user}': X-RateLimit-Limit {latest.LimitPerHour} requests per hour, the window resets at {latest.Reset:yyyy-MM-dd HH:mm} UTC.");
        if (latest.LimitPerHour is { } perHour && (outbound is null || perHour < outbound.PerHour))
        {
            var mayStart = outbound is null
                ? "This connection has no outbound rate limit, so a busy hour meets 429s (each pauses its deliveries until Retry-After)."
                : string.Create(CultureInfo.InvariantCulture,
                    $"This connection may start up to {OutboundRateLimit.Describe(outbound)} per portal node ({outbound.PerHour} per hour), more than the rule allows.");
            return StepOutcome.Warn($"{seen} {mayStart}", SystemsCheckRemedies.RateLimit(user));
        }

        return StepOutcome.Pass($"{seen} That covers this connection's outbound limit of {OutboundRateLimit.Describe(outbound)} per portal node.");
    }
}
