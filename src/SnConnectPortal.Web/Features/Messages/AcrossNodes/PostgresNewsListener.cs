using Microsoft.Extensions.Options;
using Npgsql;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Coordination;

namespace SnConnectPortal.Web.Features.Messages.AcrossNodes;

/// <summary>
/// Listens on one dedicated PostgreSQL connection for the other portal nodes' news (<see cref="PostgresNewsSender"/>)
/// and hands it to this node's <see cref="MessageNotifier"/>; its own notifications it ignores. When the connection
/// drops it logs it and connects again (after 0.25 s, doubling up to 5 s); once listening again it tells every open
/// page to re-read, since news sent meanwhile is lost.
/// </summary>
public sealed partial class PostgresNewsListener(
    IOptions<DatabaseOptions> options,
    MessageNotifier notifier,
    NodeIdentity node,
    TimeProvider timeProvider,
    ILogger<PostgresNewsListener> logger) : BackgroundService
{
    /// <summary>The listening connection's <c>application_name</c> (in <c>pg_stat_activity</c>).</summary>
    public const string ApplicationName = "SnConnectPortal live view (listen)";

    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(options.Value.ConnectionString)
        {
            ApplicationName = ApplicationName,
            Pooling = false,
            KeepAlive = 15, // a connection lost without a word (network, failover) is noticed within seconds
        }.ConnectionString;
        var retry = FirstRetry;
        var lost = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(connectionString, onListening: () =>
                {
                    retry = FirstRetry;
                    if (lost)
                    {
                        lost = false;
                        LogListeningAgain();
                        notifier.Publish(new MessagesCommitted(0, []) { FromOtherNode = true, AnyConnection = true });
                    }
                }, stoppingToken);
            }
#pragma warning disable CA1031 // Whatever broke the connection, the live view must come back.
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                lost = true;
                LogConnectionLost(retry.TotalSeconds, e);
                await Task.Delay(retry, timeProvider, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LastRetry.Ticks));
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ListenAsync(string connectionString, Action onListening, CancellationToken stoppingToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        connection.Notification += OnNotification;
        await connection.OpenAsync(stoppingToken);
        await using (var listen = new NpgsqlCommand($"LISTEN {NodeNewsPayload.Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        onListening();
        while (true)
        {
            await connection.WaitAsync(stoppingToken);
        }
    }

    // Runs inside WaitAsync, on the listener's thread; the notifier's subscribers only record the news.
    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        if (NodeNewsPayload.TryParse(e.Payload, out var origin, out var committed) && origin != node.Name)
        {
            notifier.Publish(committed);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The live view's PostgreSQL listening connection failed; connecting again in {Seconds} s (other nodes' messages appear after that)")]
    private partial void LogConnectionLost(double seconds, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "The live view listens to the other portal nodes again; open pages re-read the messages")]
    private partial void LogListeningAgain();
}
