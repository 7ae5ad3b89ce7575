using System.Globalization;
using SnConnectPortal.ServiceNow.Errors;
using SnConnectPortal.ServiceNow.Queries;

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
        var outboundPerHour = context.Request.OutboundRateLimitPerMinute * 60L;
        var seen = string.Create(CultureInfo.InvariantCulture,
            $"Rule {latest.Rule} applies to '{user}': X-RateLimit-Limit {latest.LimitPerHour} requests per hour, the window resets at {latest.Reset:yyyy-MM-dd HH:mm} UTC.");
        if (latest.LimitPerHour is { } perHour && perHour < outboundPerHour)
        {
            return StepOutcome.Warn(string.Create(CultureInfo.InvariantCulture,
                $"{seen} This connection may start up to {context.Request.OutboundRateLimitPerMinute} deliveries a minute per portal node ({outboundPerHour} per hour), more than the rule allows."),
                SystemsCheckRemedies.RateLimit(user));
        }

        return StepOutcome.Pass(string.Create(CultureInfo.InvariantCulture,
            $"{seen} That covers this connection's outbound limit of {context.Request.OutboundRateLimitPerMinute} deliveries a minute per portal node."));
    }
}
