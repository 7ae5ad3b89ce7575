using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Features.Inbound;

/// <summary>
/// Makes every portal node forget the inbound credentials it has verified within about a second of a change on any
/// node, without a database read per request: a change of a receiver's password or rate limit writes a new random
/// stamp (the <see cref="PortalSetting"/> <c>Inbound.CredentialsStamp</c>), and each node reads that one row every
/// <see cref="PollInterval"/> and clears its cache (<see cref="InboundCredentials.ForgetAll"/>) when the stamp moved,
/// or when it could not be read.
/// </summary>
public sealed partial class InboundCredentialChanges(
    IDbContextFactory<PortalDbContext> dbContextFactory,
    InboundCredentials credentials,
    IOptions<InboundOptions> options,
    TimeProvider timeProvider,
    ILogger<InboundCredentialChanges> logger) : BackgroundService
{
    public const string StampKey = "Inbound.CredentialsStamp";
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>The stamp last read; null before the first read and after a failed one.</summary>
    private string? _seen;

    /// <summary>Moves the stamp, after a receiver's credential changed (the node that changed it has already forgotten it).</summary>
    public async Task AnnounceAsync(string actorName, CancellationToken cancellationToken)
    {
        var stamp = Guid.NewGuid().ToString("N");
        var now = timeProvider.GetUtcNow().UtcDateTime;
        await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
        var moved = await db.PortalSettings.Where(s => s.Key == StampKey).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Value, stamp).SetProperty(r => r.UpdatedAt, now).SetProperty(r => r.UpdatedBy, actorName), cancellationToken);
        if (moved == 0)
        {
            db.PortalSettings.Add(new PortalSetting { Key = StampKey, Value = stamp, UpdatedAt = now, UpdatedBy = actorName });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another node wrote the first stamp at the same moment: the stamp has moved all the same.
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.CredentialCacheSeconds == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(PollInterval, timeProvider);
        try
        {
            do
            {
                await PollAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        string stamp;
        try
        {
            await using var db = await dbContextFactory.CreateDbContextAsync(cancellationToken);
            stamp = await db.PortalSettings.AsNoTracking().Where(s => s.Key == StampKey).Select(s => s.Value)
                .FirstOrDefaultAsync(cancellationToken) ?? "";
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            if (_seen is not null)
            {
                LogPollFailed(e);
            }

            _seen = null;
            return;
        }

        if (_seen != stamp)
        {
            // Also after a failed read: a change may have been missed meanwhile.
            credentials.ForgetAll();
            _seen = stamp;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read whether an inbound credential changed; the verified credentials are forgotten once it can")]
    private partial void LogPollFailed(Exception exception);
}
