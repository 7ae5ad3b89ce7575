using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SnConnectPortal.Web.Features.Inbound;

namespace SnConnectPortal.Web.Features.Events;

/// <summary>
/// <c>POST /api/events</c>: other systems hand the hub events to deliver to ServiceNow. Only an API key with
/// <c>events:write</c> is accepted (401 without a valid key, 403 for a key without the scope; the sign-in cookie does not
/// count, so there is nothing to forge from a browser). The body is one event, or <c>{"events": [...]}</c> with up to
/// <see cref="EventsOptions.MaxBatchSize"/>, or one event with its files as <c>multipart/form-data</c>
/// (<see cref="MultipartEvent"/>). In order: content type (415), size (413, before and while reading), JSON
/// (400), then each event on its own (<see cref="EventIntake"/>). One event: 202 with its result once stored, or 400
/// with its errors by field. A batch: 202 with a result per event when any was stored (the others carry their
/// errors), 400 with every event's errors when none was.
/// </summary>
public static class EventsEndpoint
{
    public const string RoutePattern = "/api/events";

    /// <summary>The authorization policy: the API key scheme only, with the events:write scope.</summary>
    public const string EventsWriterKey = "EventsWriterKey";

    private const string BatchProperty = "events";
    private const int MaxJsonDepth = 16;

    private const string ShapeRule =
        "Not a property of an event, or not of the JSON type it takes: id, table, action, correlationId and reporter are strings, " +
        "connection a number or a string, fields an object of strings, attachments an array of {fileName, contentType, content} strings.";

    private static readonly JsonSerializerOptions EventJson = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        MaxDepth = MaxJsonDepth,
    };

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(RoutePattern, ReceiveAsync)
            .RequireAuthorization(EventsWriterKey)
            .DisableAntiforgery()
            .WithName("EventsApi");
        return endpoints;
    }

    private static async Task<IResult> ReceiveAsync(HttpContext context, EventIntake intake, IOptions<EventsOptions> options)
    {
        var request = context.Request;
        var limit = options.Value.MaxRequestBytes;
        var boundary = MultipartEvent.Boundary(request.ContentType);
        if (boundary is null && !InboundReceiver.IsJson(request.ContentType))
        {
            return TypedResults.Problem(
                $"Content-Type must be application/json, or multipart/form-data with the event's JSON in a part named \"{MultipartEvent.EventPart}\" and the files as file parts.",
                statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        if (request.ContentLength > limit)
        {
            return TooLarge(context, limit);
        }

        var (buffer, length, refusedStatus) = await InboundReceiver.ReadBodyAsync(context, limit, context.RequestAborted);
        if (buffer is null)
        {
            return refusedStatus == StatusCodes.Status413PayloadTooLarge
                ? TooLarge(context, limit)
                : TypedResults.Problem("The request body could not be read (malformed framing).", statusCode: refusedStatus);
        }

        try
        {
            ReadOnlyMemory<byte> json = buffer.AsMemory(0, length);
            List<IncomingAttachment> files = [];
            if (boundary is not null)
            {
                var (eventJson, parts, error) = await MultipartEvent.ReadAsync(json, boundary, context.RequestAborted);
                if (eventJson is null)
                {
                    return Invalid("body", error!);
                }

                (json, files) = (eventJson, parts);
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxJsonDepth });
            }
            catch (JsonException e)
            {
                return Invalid("body", $"The body is not JSON: {e.Message}");
            }

            using (document)
            {
                var sender = new EventSender(
                    InboundReceiver.CaptureHeaders(request, $"Bearer (redacted; {context.User.Identity?.Name})"),
                    context.Connection.RemoteIpAddress?.ToString());
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                {
                    return Invalid("body", "The body is one event (a JSON object) or {\"events\": [...]}.");
                }

                if (!root.TryGetProperty(BatchProperty, out var batch))
                {
                    return await ReceiveOneAsync(root, files, intake, sender, context.RequestAborted);
                }

                return boundary is null
                    ? await ReceiveBatchAsync(root, batch, intake, sender, context.RequestAborted)
                    : Invalid(MultipartEvent.EventPart, "A multipart request carries one event with its files; send batches as JSON.");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<IResult> ReceiveOneAsync(
        JsonElement element, List<IncomingAttachment> files, EventIntake intake, EventSender sender, CancellationToken cancellationToken)
    {
        var (incoming, shapeError) = Read(element, 0);
        if (incoming is not null && files.Count > 0)
        {
            incoming.Attachments = [.. incoming.Attachments ?? [], .. files];
        }

        var result = incoming is null ? shapeError! : (await intake.AcceptAsync([(0, incoming)], sender, cancellationToken))[0];
        return result.Accepted
            ? TypedResults.Json(result, EventJson, statusCode: StatusCodes.Status202Accepted)
            : TypedResults.ValidationProblem(result.Errors!, title: "The event was not accepted: nothing was stored.");
    }

    private static async Task<IResult> ReceiveBatchAsync(
        JsonElement root, JsonElement batch, EventIntake intake, EventSender sender, CancellationToken cancellationToken)
    {
        if (batch.ValueKind != JsonValueKind.Array || batch.GetArrayLength() is 0 or > EventsOptions.MaxBatchSize)
        {
            return Invalid(BatchProperty, $"events is an array of 1 to {EventsOptions.MaxBatchSize:N0} events; send more in further requests.");
        }

        if (root.EnumerateObject().Count() > 1)
        {
            return Invalid("body", "A batch has one property, events; each event carries its own connection and table.");
        }

        var results = new EventResult[batch.GetArrayLength()];
        List<(int Index, IncomingEvent Event)> readable = [];
        var index = 0;
        foreach (var element in batch.EnumerateArray())
        {
            var (incoming, shapeError) = Read(element, index);
            if (incoming is null)
            {
                results[index] = shapeError!;
            }
            else
            {
                readable.Add((index, incoming));
            }

            index++;
        }

        foreach (var result in await intake.AcceptAsync(readable, sender, cancellationToken))
        {
            results[result.Index] = result;
        }

        var accepted = results.Count(r => r.Accepted);
        if (accepted == 0)
        {
            var errors = results.SelectMany(r => r.Errors!.Select(e => (Key: $"events[{r.Index}]" + (e.Key.Length == 0 ? "" : "." + e.Key), e.Value)))
                .ToDictionary(e => e.Key, e => e.Value);
            return TypedResults.ValidationProblem(errors, title: "No event of the batch was accepted: nothing was stored.",
                extensions: new Dictionary<string, object?> { ["results"] = results });
        }

        return TypedResults.Json(new BatchAnswer(accepted, results.Length - accepted, results), EventJson, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>The event, or its refusal when the JSON does not have an event's shape.</summary>
    private static (IncomingEvent? Event, EventResult? ShapeError) Read(JsonElement element, int index)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return (null, EventResult.Refused(index, null, new Dictionary<string, string[]> { [""] = ["An event is a JSON object."] }));
        }

        try
        {
            return (element.Deserialize<IncomingEvent>(EventJson), null);
        }
        catch (JsonException e)
        {
            var id = element.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
            var path = e.Path is { Length: > 1 } p ? p.TrimStart('$', '.') : "";
            return (null, EventResult.Refused(index, id, new Dictionary<string, string[]> { [path] = [ShapeRule] }));
        }
    }

    private static ValidationProblem Invalid(string key, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [key] = [message] }, title: "The request was not accepted: nothing was stored.");

    private static ProblemHttpResult TooLarge(HttpContext context, long limit)
    {
        context.Response.Headers.Connection = "close";
        return TypedResults.Problem(
            string.Create(CultureInfo.InvariantCulture, $"The body is larger than the limit of {limit:N0} bytes: nothing was stored. Send fewer events per request."),
            statusCode: StatusCodes.Status413PayloadTooLarge);
    }

    /// <summary>A batch's answer: how many events were stored (or found stored), how many refused, and each one's result in order.</summary>
    private sealed record BatchAnswer(int Accepted, int Refused, IReadOnlyList<EventResult> Results);
}
