using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace SnConnectPortal.Web.Tests.Operations;

/// <summary>
/// An OTLP/HTTP receiver on 127.0.0.1: takes what an exporter posts to <c>/v1/metrics</c>, <c>/v1/traces</c> and
/// <c>/v1/logs</c> and reads the parts the tests look at (metric names; spans with their ids, parents and links; log
/// records with their trace ids) straight from the protobuf wire format, by the field numbers of the OTLP protos.
/// </summary>
public sealed class OtlpCollector : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Signal, byte[] Body)> _received = new();

    private OtlpCollector(WebApplication app) => _app = app;

    public string BaseUrl => _app.Urls.First();

    public static async Task<OtlpCollector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var collector = new OtlpCollector(app);
        app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            collector._received.Enqueue((signal, body.ToArray()));
            return Results.Bytes([], "application/x-protobuf"); // an empty Export…ServiceResponse
        });
        await app.StartAsync();
        return collector;
    }

    public Task<OtlpSpan> WaitForSpanAsync(Func<OtlpSpan, bool> match) => WaitForAsync(() => Spans().FirstOrDefault(match));

    public Task<OtlpLogRecord> WaitForLogAsync(Func<OtlpLogRecord, bool> match) => WaitForAsync(() => LogRecords().FirstOrDefault(match));

    /// <summary>Waits until every one of the metrics has been exported at least once.</summary>
    public Task<string> WaitForMetricsAsync(params string[] names) =>
        WaitForAsync(() => names.All(MetricNames().ToHashSet().Contains) ? string.Join(", ", names) : null);

    public IEnumerable<string> MetricNames() =>
        from body in Bodies("metrics")
        from resource in Protobuf.Fields(body, 1)
        from scope in Protobuf.Fields(resource, 2)
        from metric in Protobuf.Fields(scope, 2)
        select Protobuf.Text(metric, 1);

    public IEnumerable<OtlpSpan> Spans() =>
        from body in Bodies("traces")
        from resource in Protobuf.Fields(body, 1)
        from scope in Protobuf.Fields(resource, 2)
        from span in Protobuf.Fields(scope, 2)
        select new OtlpSpan(
            Protobuf.Hex(span, 1), Protobuf.Hex(span, 2), Protobuf.Hex(span, 4), Protobuf.Text(span, 5),
            [.. Protobuf.Fields(span, 13).Select(link => (Protobuf.Hex(link, 1), Protobuf.Hex(link, 2)))]);

    public IEnumerable<OtlpLogRecord> LogRecords() =>
        from body in Bodies("logs")
        from resource in Protobuf.Fields(body, 1)
        from scope in Protobuf.Fields(resource, 2)
        from record in Protobuf.Fields(scope, 2)
        select new OtlpLogRecord(Protobuf.Hex(record, 9), Protobuf.Fields(record, 5).Select(value => Protobuf.Text(value, 1)).FirstOrDefault() ?? "");

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private IEnumerable<byte[]> Bodies(string signal) => _received.Where(r => r.Signal == signal).Select(r => r.Body).ToList();

    private async Task<T> WaitForAsync<T>(Func<T?> find)
        where T : class
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            if (find() is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not exported within {Deadline.TotalSeconds} s. Metrics: {string.Join(", ", MetricNames().Distinct())}. " +
                    $"Spans: {string.Join(", ", Spans().Select(s => s.Name))}.");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>The protobuf wire format, enough to walk nested messages by field number.</summary>
    private static class Protobuf
    {
        public static IEnumerable<byte[]> Fields(byte[] message, int number)
        {
            var position = 0;
            while (position < message.Length)
            {
                var key = Varint(message, ref position);
                var (field, wireType) = ((int)(key >> 3), (int)(key & 7));
                switch (wireType)
                {
                    case 0:
                        Varint(message, ref position);
                        break;
                    case 1:
                        position += 8;
                        break;
                    case 5:
                        position += 4;
                        break;
                    case 2:
                        var length = (int)Varint(message, ref position);
                        if (field == number)
                        {
                            yield return message[position..(position + length)];
                        }

                        position += length;
                        break;
                    default:
                        throw new InvalidDataException($"Wire type {wireType} is not OTLP's.");
                }
            }
        }

        public static string Text(byte[] message, int number) => Fields(message, number).Select(Encoding.UTF8.GetString).FirstOrDefault() ?? "";

        public static string Hex(byte[] message, int number) => Fields(message, number).Select(Convert.ToHexStringLower).FirstOrDefault() ?? "";

        private static ulong Varint(byte[] message, ref int position)
        {
            ulong value = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = message[position++];
                value |= (ulong)(b & 0x7f) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }
        }
    }
}

public sealed record OtlpSpan(string TraceId, string SpanId, string ParentSpanId, string Name, IReadOnlyList<(string TraceId, string SpanId)> Links);

public sealed record OtlpLogRecord(string TraceId, string Body);
