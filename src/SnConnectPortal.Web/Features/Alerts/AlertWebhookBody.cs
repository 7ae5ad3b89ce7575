namespace SnConnectPortal.Web.Features.Alerts;

/// <summary>
/// The JSON a webhook receives. <see cref="Text"/> is what Slack and Teams incoming webhooks show; the other fields are
/// for receivers that route or file alerts (state opened, resolved or test; kind; connection; times in UTC).
/// </summary>
public sealed record AlertWebhookBody(
    string Text,
    string State,
    string? Kind,
    string? Title,
    long? AlertId,
    AlertWebhookConnection? Connection,
    string Detail,
    DateTime OpenedAt,
    DateTime? ResolvedAt)
{
    public static AlertWebhookBody Of(AlertNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return new AlertWebhookBody(AlertText.Line(notice), notice.State.ToString().ToLowerInvariant(), notice.Kind?.ToString(),
            notice.Kind is { } kind ? AlertText.Title(kind) : "Test alert", notice.AlertId,
            notice.ConnectionId is { } id ? new AlertWebhookConnection(id, notice.ConnectionName) : null,
            notice.Detail, notice.OpenedAt, notice.ResolvedAt);
    }
}

public sealed record AlertWebhookConnection(long Id, string Name);
