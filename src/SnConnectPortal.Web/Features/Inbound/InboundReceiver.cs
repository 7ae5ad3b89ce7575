using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace SnConnectPortal.Web.Features.Inbound;

/// <summary>
/// <c>POST /api/inbound/{connectionKey}</c>: what ServiceNow's REST message calls. In order: credentials (401, the same
/// for an unknown key; 429 or 503 + Retry-After when wrong credentials come too fast, see <see cref="InboundAuthThrottle"/>),
/// the connection's rate (429 + Retry-After), content type (415), declared size (413, before reading), the body within
/// the size (413), UTF-8 / JSON / nesting / escaped text (400), attachments within the limit (413), then the durable
/// write (422 if the database refuses this message's values, 503 if it is unavailable); 202 with the response id only
/// after the commit. Every answer has a short JSON body.
/// </summary>
public static partial class InboundReceiver
{
    public const string RoutePattern = "/api/inbound/{connectionKey}";
    public const string Realm = "SnConnectPortal inbound";

    private static readonly string[] RedactedHeaders =
        ["Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "X-Api-Key", "X-Auth-Token", "X-Access-Token"];

    /// <summary>Benchmark only (<c>Inbound:BareBenchmarkEndpoint</c>): every check, then 202 without storing.</summary>
    public const string BareRoutePattern = "/api/inbound-bare/{connectionKey}";

    public static IEndpointRouteBuilder MapInboundReceiver(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost(RoutePattern, ReceiveAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithName("InboundReceiver");

        if (endpoints.ServiceProvider.GetRequiredService<IOptions<InboundOptions>>().Value.BareBenchmarkEndpoint)
        {
            endpoints.MapPost(BareRoutePattern, (HttpContext context, string connectionKey, InboundCredentials credentials, InboundRateLimiter rateLimiter,
                    MessageWriter writer, IOptions<InboundOptions> options, TimeProvider timeProvider) =>
                    ReceiveCoreAsync(context, connectionKey, credentials, rateLimiter, writer, options, timeProvider, store: false))
                .AllowAnonymous()
                .DisableAntiforgery();
        }

        return endpoints;
    }

    internal static Task ReceiveAsync(
        HttpContext context,
        string connectionKey,
        InboundCredentials credentials,
        InboundRateLimiter rateLimiter,
        MessageWriter writer,
        IOptions<InboundOptions> optionsAccessor,
        TimeProvider timeProvider) =>
        ReceiveCoreAsync(context, connectionKey, credentials, rateLimiter, writer, optionsAccessor, timeProvider, store: true);

    private static async Task ReceiveCoreAsync(
        HttpContext context,
        string connectionKey,
        InboundCredentials credentials,
        InboundRateLimiter rateLimiter,
        MessageWriter writer,
        IOptions<InboundOptions> optionsAccessor,
        TimeProvider timeProvider,
        bool store)
    {
        var startedAt = timeProvider.GetTimestamp();
        var options = optionsAccessor.Value;
        var request = context.Request;
        var aborted = context.RequestAborted;

        var verification = await credentials.VerifyAsync(
            connectionKey, request.Headers.Authorization, InboundAuthThrottle.AddressKey(context.Connection.RemoteIpAddress), aborted);
        if (verification.Caller is not { } caller)
        {
            await RefuseCredentialsAsync(context, verification);
            return;
        }

        if (rateLimiter.TryAcquire(caller) is { } retryAfter)
        {
            SetRetryAfter(context, retryAfter);
            await ErrorAsync(context, StatusCodes.Status429TooManyRequests, "Too many messages for this connection; retry after the given seconds.");
            return;
        }

        if (!IsJson(request.ContentType))
        {
            await ErrorAsync(context, StatusCodes.Status415UnsupportedMediaType, "Content-Type must be application/json.");
            return;
        }

        if (request.ContentLength > options.MaxRequestBytes)
        {
            await TooLargeAsync(context, options.MaxRequestBytes);
            return;
        }

        var (buffer, length, refusedStatus) = await ReadBodyAsync(context, options.MaxRequestBytes, aborted);
        if (buffer is null)
        {
            await (refusedStatus == StatusCodes.Status413PayloadTooLarge
                ? TooLargeAsync(context, options.MaxRequestBytes)
                : ErrorAsync(context, refusedStatus, "The request body could not be read (malformed framing)."));
            return;
        }

        try
        {
            var body = buffer.AsSpan(0, length);
            var (metadata, refusal) = InboundPayload.Read(body, options.MaxJsonDepth, options.MaxAttachments);
            if (metadata is null)
            {
                await ErrorAsync(context, refusal!.Status, refusal.Reason);
                return;
            }

            var now = timeProvider.GetUtcNow();
            var message = new PendingMessage
            {
                ConnectionId = caller.ConnectionId,
                ReceivedAt = now.UtcDateTime,
                ReceivedTimestamp = startedAt,
                ResponseId = Guid.CreateVersion7(now).ToString("N"),
                Metadata = metadata,
                Headers = CaptureHeaders(request, $"Basic (redacted; user {caller.UserName})"),
                Payload = Encoding.UTF8.GetString(body),
                PayloadBytes = length,
                RemoteAddress = context.Connection.RemoteIpAddress?.ToString(),
                ReceivedIn = Activity.Current?.Context ?? default,
            };

            try
            {
                if (store)
                {
                    await writer.WriteAsync(message, aborted);
                }
            }
            catch (MessageRefusedException e)
            {
                await ErrorAsync(context, StatusCodes.Status422UnprocessableEntity, e.Message);
                return;
            }
            catch (Exception e) when (e is ChannelClosedException or MessageNotStoredException)
            {
                SetRetryAfter(context, 5);
                await ErrorAsync(context, StatusCodes.Status503ServiceUnavailable, "The message could not be stored; nothing was accepted. Retry later.");
                return;
            }

            context.Response.StatusCode = StatusCodes.Status202Accepted;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($$"""{"responseId":"{{message.ResponseId}}"}""", CancellationToken.None);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    internal static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && parsed.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        && (!parsed.Charset.HasValue || parsed.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The body in a pooled buffer; or no buffer and the status to answer: 413 as soon as it grows past the limit
    /// (ours, or the server's own, which Kestrel reports as <see cref="BadHttpRequestException"/>), or the status
    /// Kestrel gives a body it cannot read (malformed chunked framing).
    /// </summary>
    internal static async Task<(byte[]? Buffer, int Length, int RefusedStatus)> ReadBodyAsync(HttpContext context, long limit, CancellationToken cancellationToken)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            // The limit is enforced here; Kestrel's (30 MB) would cut a larger configured one.
            sizeFeature.MaxRequestBodySize = limit + 1;
        }

        var reader = context.Request.BodyReader;
        while (true)
        {
            ReadResult result;
            try
            {
                result = await reader.ReadAsync(cancellationToken);
            }
            catch (BadHttpRequestException e)
            {
                return (null, 0, e.StatusCode);
            }

            var data = result.Buffer;
            if (data.Length > limit)
            {
                reader.AdvanceTo(data.Start, data.End);
                return (null, 0, StatusCodes.Status413PayloadTooLarge);
            }

            if (result.IsCompleted)
            {
                var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Max(1, data.Length));
                data.CopyTo(buffer);
                var length = (int)data.Length;
                reader.AdvanceTo(data.End);
                return (buffer, length, 0);
            }

            reader.AdvanceTo(data.Start, data.End);
        }
    }

    private static Task RefuseCredentialsAsync(HttpContext context, InboundVerification verification)
    {
        switch (verification.Status)
        {
            case StatusCodes.Status429TooManyRequests:
                SetRetryAfter(context, verification.RetryAfterSeconds);
                return ErrorAsync(context, StatusCodes.Status429TooManyRequests, "Too many wrong credentials from this address or for this receiver; retry after the given seconds.");
            case StatusCodes.Status503ServiceUnavailable:
                SetRetryAfter(context, verification.RetryAfterSeconds);
                return ErrorAsync(context, StatusCodes.Status503ServiceUnavailable, "Too many credentials are waiting to be checked; retry after the given seconds.");
            default:
                context.Response.Headers.WWWAuthenticate = $"Basic realm=\"{Realm}\", charset=\"UTF-8\"";
                return ErrorAsync(context, StatusCodes.Status401Unauthorized, "Wrong or unknown credentials for this receiver.");
        }
    }

    private static void SetRetryAfter(HttpContext context, int seconds) =>
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The request headers as a JSON object; the Authorization header is replaced by <paramref name="authorizationNote"/>, other credentials and cookies by "(redacted)".</summary>
    internal static string CaptureHeaders(HttpRequest request, string authorizationNote)
    {
        var output = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(output))
        {
            json.WriteStartObject();
            foreach (var (name, values) in request.Headers)
            {
                if (RedactedHeaders.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    json.WriteString(name, name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) ? authorizationNote : "(redacted)");
                }
                else
                {
                    var value = values.ToString();
                    json.WriteString(name, value.Length > 1000 ? value[..1000] + "…" : value);
                }
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static Task TooLargeAsync(HttpContext context, long limit)
    {
        context.Response.Headers.Connection = "close";
        return ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, $"The body is larger than the receiver's limit of {limit} bytes.");
    }

    private static Task ErrorAsync(HttpContext context, int status, string error)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var body = JsonSerializer.Serialize(new ErrorBody(error, status), InboundJsonContext.Default.ErrorBody);
        return context.Response.WriteAsync(body, CancellationToken.None);
    }

    internal sealed record ErrorBody(string Error, int Status);
}

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
[System.Text.Json.Serialization.JsonSerializable(typeof(InboundReceiver.ErrorBody))]
internal sealed partial class InboundJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
