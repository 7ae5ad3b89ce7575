using System.Net.Http.Headers;
using System.Text;
using SnConnectPortal.Sandbox.Configuration;
using SnConnectPortal.Sandbox.Http;
using SnConnectPortal.Sandbox.Store;

namespace SnConnectPortal.Sandbox.BusinessRules;

/// <summary>
/// Drains the business-rule queue: POSTs each event as JSON with Basic credentials (as a script using
/// sn_ws.RESTMessageV2 would), retrying a failed call a few times, and logs the outcome.
/// </summary>
internal sealed partial class RestMessageSender(
    RecordEvents events,
    InstanceStore store,
    IHttpClientFactory httpClientFactory,
    DeliveryLog deliveries,
    SandboxClock clock,
    TimeProvider timeProvider,
    ILogger<RestMessageSender> logger) : BackgroundService
{
    public const string HttpClientName = "rest-message";
    public const int MaxAttempts = 3;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var outbound in events.Queue.ReadAllAsync(stoppingToken))
            {
                if (outbound.Generation == events.Generation)
                {
                    await DeliverAsync(outbound, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task DeliverAsync(OutboundEvent outbound, CancellationToken ct)
    {
        var payload = BuildPayload(outbound);
        var status = 0;
        var responseBody = "";
        var attempt = 0;
        while (attempt < MaxAttempts)
        {
            attempt++;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, outbound.Message.Endpoint)
                {
                    Content = new ByteArrayContent(payload) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
                };
                if (outbound.Message.UserName is { } user)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{outbound.Message.Password}")));
                }

                using var response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, ct);
                status = (int)response.StatusCode;
                responseBody = await response.Content.ReadAsStringAsync(ct);
                if (response.IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                status = 0;
                responseBody = e.Message;
            }

            LogAttemptFailed(outbound.Table, outbound.SysId, attempt, status);
            if (attempt < MaxAttempts)
            {
                await Task.Delay(RetryDelay * attempt, timeProvider, ct);
            }
        }

        deliveries.Add(new DeliveryLog.Delivery(outbound.Table, outbound.SysId, outbound.Event, status, attempt, responseBody, clock.UtcNow));
    }

    private byte[] BuildPayload(OutboundEvent outbound) => store.Read(() =>
    {
        var record = store.Find(outbound.Table, outbound.SysId);
        var buffer = JsonResponse.Build(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("table", outbound.Table);
            writer.WriteString("sys_id", outbound.SysId);
            writer.WriteString("event", outbound.Event);
            writer.WriteStartObject("record");
            if (record is not null)
            {
                var schema = Tables.TableCatalog.Get(outbound.Table);
                foreach (var field in schema.VisibleFields)
                {
                    writer.WriteString(field.Name, record[field.Name]);
                }
            }

            writer.WriteEndObject();
            if (outbound.AttachmentSysId is { } attachmentId && store.Find(Tables.TableCatalog.Attachment, attachmentId) is { } attachment)
            {
                writer.WriteStartObject("attachment");
                foreach (var field in new[] { "sys_id", "file_name", "content_type", "size_bytes", "hash" })
                {
                    writer.WriteString(field, attachment[field]);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        });
        return buffer.WrittenSpan.ToArray();
    });

    [LoggerMessage(Level = LogLevel.Warning, Message = "REST message for {Table}/{SysId}: attempt {Attempt} failed with status {Status}")]
    private partial void LogAttemptFailed(string table, string sysId, int attempt, int status);
}
