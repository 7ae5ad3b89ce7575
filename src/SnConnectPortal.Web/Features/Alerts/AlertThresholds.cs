namespace SnConnectPortal.Web.Features.Alerts;

/// <summary>
/// When a condition counts as an alert, as an Admin set it on the Alerts page (or these defaults). 0 switches the
/// backlog and silence alerts off.
/// </summary>
/// <param name="BacklogAgeMinutes">The oldest message waiting to go may wait this long.</param>
/// <param name="InboundSilenceMinutes">Inbound messages may stop for this long.</param>
/// <param name="ExpiryWarningDays">How long before a refresh token, certificate or password ends to warn.</param>
/// <param name="RefreshTokenLifespanDays">How long ServiceNow keeps an OAuth refresh token valid (its default is 100 days).</param>
public sealed record AlertThresholds(int BacklogAgeMinutes, int InboundSilenceMinutes, int ExpiryWarningDays, int RefreshTokenLifespanDays)
{
    public static AlertThresholds Default { get; } = new(BacklogAgeMinutes: 30, InboundSilenceMinutes: 1440, ExpiryWarningDays: 14, RefreshTokenLifespanDays: 100);
}
