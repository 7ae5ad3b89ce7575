namespace SnConnectPortal.Web.Features.Alerts;

/// <summary>
/// What the alert conditions look at for one enabled connection, read from the database in one pass
/// (<see cref="AlertFactsQuery"/>) so that <see cref="AlertEvaluator"/> needs no I/O.
/// </summary>
/// <param name="LastCheckSucceeded">The last Systems Check's result; null when none ran since the credentials last changed.</param>
/// <param name="OldestWaitingSince">When the oldest outbound message still waiting to go (queued, sending, retrying) was queued.</param>
/// <param name="DeadLetters">Outbound messages that ended Failed or Dead-lettered and are still stored.</param>
/// <param name="LastInboundAt">When the last inbound message arrived; null when none ever did.</param>
/// <param name="RefreshTokenSetAt">When the stored OAuth refresh token was obtained; null when the connection has none.</param>
/// <param name="PasswordExpiresOn">The password expiry an Admin entered; null when not dated.</param>
/// <param name="CertificateExpiresAt">The instance certificate's end, as a scheduled check last saw it.</param>
public sealed record AlertFacts(
    long ConnectionId,
    DateTime? LastCheckAt,
    bool? LastCheckSucceeded,
    string? LastCheckSummary,
    DateTime? OldestWaitingSince,
    int DeadLetters,
    DateTime? LastInboundAt,
    DateTime? RefreshTokenSetAt,
    DateOnly? PasswordExpiresOn,
    DateTime? CertificateExpiresAt);
