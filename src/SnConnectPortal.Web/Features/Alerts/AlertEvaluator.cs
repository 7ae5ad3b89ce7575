using System.Globalization;
using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Features.Alerts;

/// <summary>
/// The alert conditions, in one place and without I/O: given each enabled connection's facts, the open alerts and the
/// thresholds at a moment, which alerts open and which resolve. A condition that stays true opens nothing more; one
/// that cannot be told (no check since the credentials changed) leaves its alert as it is.
/// </summary>
public static class AlertEvaluator
{
    public static AlertEvaluation Evaluate(IReadOnlyList<AlertFacts> connections, IReadOnlyList<OpenAlert> open, AlertThresholds thresholds, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(connections);
        ArgumentNullException.ThrowIfNull(open);
        ArgumentNullException.ThrowIfNull(thresholds);
        var openings = new List<AlertOpening>();
        var resolutions = new List<AlertResolution>();
        var openByKey = open.ToDictionary(a => (a.ConnectionId, a.Kind));
        foreach (var facts in connections)
        {
            foreach (var (kind, holds, detail) in Conditions(facts, thresholds, now))
            {
                var isOpen = openByKey.Remove((facts.ConnectionId, kind), out var alert);
                if (holds == true && !isOpen)
                {
                    openings.Add(new AlertOpening(facts.ConnectionId, kind, detail));
                }
                else if (holds == false && isOpen)
                {
                    resolutions.Add(new AlertResolution(alert!.Id, detail));
                }
            }
        }

        // What is left belongs to connections no longer watched: disabled or deleted.
        resolutions.AddRange(openByKey.Values.Select(a => new AlertResolution(a.Id, "The connection was disabled or deleted, so it is no longer watched.")));
        return new AlertEvaluation(openings, resolutions);
    }

    /// <summary>Each condition of one connection: whether it holds (null when it cannot be told) and what was seen, in words.</summary>
    public static IEnumerable<(AlertKind Kind, bool? Holds, string Detail)> Conditions(AlertFacts facts, AlertThresholds thresholds, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(thresholds);
        yield return ConnectionFailing(facts);
        yield return Backlog(facts, thresholds, now);
        yield return DeadLetters(facts);
        yield return Silence(facts, thresholds, now);
        yield return Expiry(AlertKind.RefreshTokenExpiring, "OAuth refresh token",
            facts.RefreshTokenSetAt?.AddDays(thresholds.RefreshTokenLifespanDays), thresholds, now,
            $"(obtained {Date(facts.RefreshTokenSetAt)}, {thresholds.RefreshTokenLifespanDays}-day lifespan). Sign in again in the connection's wizard to get a new one");
        yield return Expiry(AlertKind.CertificateExpiring, "instance's TLS certificate", facts.CertificateExpiresAt, thresholds, now,
            "(as the last scheduled Systems Check saw it). ServiceNow renews *.service-now.com certificates; renew a custom domain's in the instance's custom URL settings");
        yield return Expiry(AlertKind.PasswordExpiring, "integration user's password",
            facts.PasswordExpiresOn?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), thresholds, now,
            "(the date an Admin entered). Set a new password in ServiceNow and in the connection's wizard, with its new expiry date");
    }

    private static (AlertKind, bool?, string) ConnectionFailing(AlertFacts facts) => facts.LastCheckSucceeded switch
    {
        false => (AlertKind.ConnectionFailing, true, $"The Systems Check at {Time(facts.LastCheckAt)} failed. {facts.LastCheckSummary}".TrimEnd()),
        true => (AlertKind.ConnectionFailing, false, $"The Systems Check at {Time(facts.LastCheckAt)} passed."),
        null => (AlertKind.ConnectionFailing, null, "No Systems Check has run since the connection's settings changed."),
    };

    private static (AlertKind, bool?, string) Backlog(AlertFacts facts, AlertThresholds thresholds, DateTime now)
    {
        if (facts.OldestWaitingSince is not { } since)
        {
            return (AlertKind.DeliveryBacklog, false, "Nothing is waiting to go to ServiceNow.");
        }

        var waited = now - since;
        var limit = TimeSpan.FromMinutes(thresholds.BacklogAgeMinutes);
        return thresholds.BacklogAgeMinutes > 0 && waited >= limit
            ? (AlertKind.DeliveryBacklog, true, $"The oldest message waiting to go to ServiceNow has waited {Span(waited)} (the threshold is {Span(limit)}).")
            : (AlertKind.DeliveryBacklog, false, $"Delivery has caught up: the oldest message waiting has waited {Span(waited)}.");
    }

    private static (AlertKind, bool?, string) DeadLetters(AlertFacts facts) => facts.DeadLetters > 0
        ? (AlertKind.DeadLetters, true, $"{facts.DeadLetters:N0} outbound message(s) ended Failed or Dead-lettered. Open the message view to see why, then retry or replay them.")
        : (AlertKind.DeadLetters, false, "No failed or dead-lettered message is left.");

    private static (AlertKind, bool?, string) Silence(AlertFacts facts, AlertThresholds thresholds, DateTime now)
    {
        // A connection that never received anything has no usual traffic to miss.
        if (facts.LastInboundAt is not { } last || thresholds.InboundSilenceMinutes == 0)
        {
            return (AlertKind.InboundSilence, false, "Inbound messages are not watched for silence.");
        }

        var quiet = now - last;
        var limit = TimeSpan.FromMinutes(thresholds.InboundSilenceMinutes);
        return quiet >= limit
            ? (AlertKind.InboundSilence, true, $"No inbound message has arrived for {Span(quiet)}, since {Time(last)} (the threshold is {Span(limit)}). Check ServiceNow's outbound REST message and business rule.")
            : (AlertKind.InboundSilence, false, $"Inbound messages arrive again: the last at {Time(last)}.");
    }

    private static (AlertKind, bool?, string) Expiry(AlertKind kind, string what, DateTime? endsAt, AlertThresholds thresholds, DateTime now, string context)
    {
        if (endsAt is not { } end)
        {
            return (kind, false, $"No end date is known for the {what}.");
        }

        var left = end - now;
        if (left > TimeSpan.FromDays(thresholds.ExpiryWarningDays))
        {
            return (kind, false, $"The {what} is valid until {Date(end)}.");
        }

        var when = left <= TimeSpan.Zero ? $"ended on {Date(end)}" : $"ends on {Date(end)}, in {Math.Ceiling(left.TotalDays):0} day(s)";
        return (kind, true, $"The {what} {when} {context}.");
    }

    private static string Time(DateTime? at) => at?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "(never)";

    private static string Date(DateTime? at) => at?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "(unknown)";

    private static string Span(TimeSpan span) => span.TotalMinutes < 120 ? $"{(int)span.TotalMinutes} min"
        : span.TotalHours < 48 ? $"{(int)span.TotalHours} h"
        : $"{(int)span.TotalDays} days";
}
