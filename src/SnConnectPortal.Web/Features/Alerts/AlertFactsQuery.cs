using Microsoft.EntityFrameworkCore;
using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Features.Alerts;

/// <summary>
/// Reads what the alert conditions look at, for every connection that exists and is not disabled. Each figure is an
/// index seek or range on (ConnectionId, Status, ReceivedAt), so it stays cheap at millions of messages.
/// </summary>
public sealed class AlertFactsQuery(IDbContextFactory<PortalDbContext> dbContextFactory)
{
    private static readonly MessageStatus[] Waiting = [MessageStatus.Queued, MessageStatus.Sending, MessageStatus.Retrying];
    private static readonly MessageStatus[] Ended = [MessageStatus.Failed, MessageStatus.DeadLettered];

    public async Task<IReadOnlyList<AlertFacts>> ReadAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var connections = await db.Connections.AsNoTracking()
            .Where(c => c.DeletedAt == null && c.Status != ConnectionStatus.Disabled)
            .OrderBy(c => c.Id)
            .Select(c => new
            {
                c.Id, c.LastCheckAt, c.LastCheckSucceeded, c.LastCheckSummary, c.PasswordExpiresOn, c.CertificateExpiresAt,
                RefreshTokenSetAt = c.Secrets.Where(s => s.Kind == SecretKind.RefreshToken).Select(s => (DateTime?)s.SetAt).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);

        var facts = new List<AlertFacts>(connections.Count);
        foreach (var c in connections)
        {
            var messages = db.Messages.AsNoTracking().Where(m => m.ConnectionId == c.Id);
            var oldestWaiting = await messages.Where(m => Waiting.Contains(m.Status))
                .OrderBy(m => m.ReceivedAt).Select(m => (DateTime?)m.ReceivedAt).FirstOrDefaultAsync(cancellationToken);
            var deadLetters = await messages.CountAsync(m => Ended.Contains(m.Status), cancellationToken);
            var lastInbound = await messages.Where(m => m.Status == MessageStatus.Received)
                .OrderByDescending(m => m.ReceivedAt).Select(m => (DateTime?)m.ReceivedAt).FirstOrDefaultAsync(cancellationToken);
            facts.Add(new AlertFacts(c.Id, c.LastCheckAt, c.LastCheckSucceeded, c.LastCheckSummary, oldestWaiting, deadLetters,
                lastInbound, c.RefreshTokenSetAt, c.PasswordExpiresOn, c.CertificateExpiresAt));
        }

        return facts;
    }
}
