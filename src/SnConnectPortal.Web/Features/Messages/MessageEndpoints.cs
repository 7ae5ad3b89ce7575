using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.ApiKeys;
using SnConnectPortal.Web.Security;

namespace SnConnectPortal.Web.Features.Messages;

/// <summary>
/// The message view's HTTP endpoints: CSV export (Operator, or an API key with <c>monitor:read</c>) and the operator actions
/// <c>POST /api/messages/{id}/retry</c> and <c>POST /api/messages/replay?{export's filters}</c> (antiforgery token in
/// the <c>RequestVerificationToken</c> header). Any signed-in user reaches the actions; MessageRedelivery refuses anyone
/// but an Operator or Admin with a plain 403, not the cookie scheme's access-denied page.
/// </summary>
public static class MessageEndpoints
{
    public static IEndpointRouteBuilder MapMessageEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/messages/export.csv", ExportAsync).RequireAuthorization(MonitoringPolicies.OperatorOrMonitorKey);
        endpoints.MapPost("/api/messages/{id:long}/retry", RetryAsync).RequireAuthorization(PortalPolicies.Viewer)
            .WithMetadata(new RequireAntiforgeryTokenAttribute());
        endpoints.MapPost("/api/messages/replay", ReplayAsync).RequireAuthorization(PortalPolicies.Viewer)
            .WithMetadata(new RequireAntiforgeryTokenAttribute());
        return endpoints;
    }

    /// <summary>The filters as query parameters (the page builds the link from its current filters).</summary>
    public static string ExportQuery(MessageFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var parts = new List<string>();
        Add("connection", filter.ConnectionId?.ToString(CultureInfo.InvariantCulture));
        Add("direction", filter.Direction?.ToString());
        Add("status", filter.Status?.ToString());
        Add("from", filter.From?.ToString("O", CultureInfo.InvariantCulture));
        Add("to", filter.To?.ToString("O", CultureInfo.InvariantCulture));
        Add("text", filter.Text);
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);

        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }
    }

    private static async Task<IResult> ExportAsync(HttpContext context, MessageQuery query, TimeProvider timeProvider)
    {
        var q = context.Request.Query;
        if (!TryParseFilter(q, out var filter, out var error))
        {
            return Results.BadRequest(new { error });
        }

        var name = $"messages-{timeProvider.GetUtcNow():yyyyMMdd-HHmmss}.csv";
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        await query.WriteCsvAsync(filter, context.Response.Body, context.RequestAborted);
        return Results.Empty;
    }

    private static async Task<IResult> RetryAsync(long id, HttpContext context, ClaimsPrincipal user, MessageRedelivery redelivery)
    {
        if (Refusal(context, user) is { } refusal)
        {
            return refusal;
        }

        return Answer(await redelivery.RetryAsync(user, id, context.RequestAborted));
    }

    private static async Task<IResult> ReplayAsync(HttpContext context, ClaimsPrincipal user, MessageRedelivery redelivery)
    {
        if (Refusal(context, user) is { } refusal)
        {
            return refusal;
        }

        if (!TryParseFilter(context.Request.Query, out var filter, out var error))
        {
            return Results.Problem(error, statusCode: StatusCodes.Status400BadRequest);
        }

        return Answer(await redelivery.ReplayAsync(user, filter, long.MaxValue, context.RequestAborted));
    }

    private static IResult? Refusal(HttpContext context, ClaimsPrincipal user)
    {
        if (!MessageRedelivery.CanRedeliver(user))
        {
            return Results.Problem(MessageRedelivery.NotAllowed, statusCode: StatusCodes.Status403Forbidden);
        }

        return context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false }
            ? Results.Problem("The antiforgery token is missing or invalid: send the page's token in the RequestVerificationToken header.",
                statusCode: StatusCodes.Status400BadRequest)
            : null;
    }

    private static IResult Answer(ServiceResult<int> requeued) => requeued.Succeeded
        ? Results.Ok(new { requeued = requeued.Value, limit = MessageRedelivery.MaxReplay })
        : requeued.ToProblem();

    internal static bool TryParseFilter(IQueryCollection q, out MessageFilter filter, out string? error)
    {
        filter = new MessageFilter();
        error = null;
        long? connection = null;
        if (q.TryGetValue("connection", out var c) && !string.IsNullOrEmpty(c))
        {
            if (!long.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                error = "connection must be a number.";
                return false;
            }

            connection = id;
        }

        DateTime? from = null, to = null;
        foreach (var (name, set) in new (string, Action<DateTime>)[] { ("from", d => from = d), ("to", d => to = d) })
        {
            if (q.TryGetValue(name, out var v) && !string.IsNullOrEmpty(v))
            {
                if (!DateTime.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d))
                {
                    error = $"{name} must be an ISO 8601 date-time.";
                    return false;
                }

                set(DateTime.SpecifyKind(d, DateTimeKind.Utc));
            }
        }

        if (!TryParseName(q["direction"], out MessageDirection? direction))
        {
            error = "direction must be Inbound or Outbound.";
            return false;
        }

        if (!TryParseName(q["status"], out MessageStatus? status))
        {
            error = "status is not a message status.";
            return false;
        }

        string? text = q["text"];
        filter = new MessageFilter
        {
            ConnectionId = connection,
            Direction = direction,
            Status = status,
            From = from,
            To = to,
            Text = text is { Length: > 0 and <= 200 } ? text : null,
        };
        return true;
    }

    /// <summary>
    /// An optional value that must be one of <typeparamref name="T"/>'s names exactly (case-sensitive); Enum.TryParse
    /// alone would also take numbers ("3") and lists ("Queued,Failed").
    /// </summary>
    private static bool TryParseName<T>(string? text, out T? value)
        where T : struct, Enum
    {
        value = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (!Enum.GetNames<T>().Contains(text))
        {
            return false;
        }

        value = Enum.Parse<T>(text);
        return true;
    }
}
