using System.Text.Json.Serialization;

namespace SnConnectPortal.Web.Features.Events;

/// <summary>
/// What became of one event of a request: 202 with the message that delivers it (for a repeated id, the message the
/// first one made, <see cref="Duplicate"/> set), or 400 with the errors by field.
/// </summary>
/// <param name="Index">Its position in the request's events (0 for a single event).</param>
/// <param name="MessageId">The outbound message in the portal's message view.</param>
/// <param name="ResponseId">The message's response id, searchable in the message view.</param>
public sealed record EventResult(
    int Index,
    string? Id,
    int Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? MessageId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ResponseId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Duplicate,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IDictionary<string, string[]>? Errors)
{
    public static EventResult Stored(int index, string id, long messageId, string responseId, bool duplicate) =>
        new(index, id, StatusCodes.Status202Accepted, messageId, responseId, duplicate, null);

    public static EventResult Refused(int index, string? id, IDictionary<string, string[]> errors) =>
        new(index, id, StatusCodes.Status400BadRequest, null, null, false, errors);

    [JsonIgnore]
    public bool Accepted => Status == StatusCodes.Status202Accepted;
}
