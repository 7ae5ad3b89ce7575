using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Features.Messages;

/// <summary>A connection the view can filter on.</summary>
public sealed record ConnectionChoice(long Id, string Name);

/// <summary>
/// What the filter bar of the message view holds, as the person chose it: the <see cref="MessageFilter"/> the query
/// takes is computed from it at each load (a time range counts back from that moment), and it says itself in words
/// for the replay confirmation.
/// </summary>
public sealed class MessageViewFilters
{
    public const string AllTime = "All time";

    public static IReadOnlyDictionary<string, TimeSpan?> Ranges { get; } = new Dictionary<string, TimeSpan?>
    {
        ["Last hour"] = TimeSpan.FromHours(1),
        ["Last 24 hours"] = TimeSpan.FromHours(24),
        ["Last 7 days"] = TimeSpan.FromDays(7),
        ["Last 30 days"] = TimeSpan.FromDays(30),
        [AllTime] = null,
    };

    public long? ConnectionId { get; set; }

    public MessageDirection? Direction { get; set; }

    public MessageStatus? Status { get; set; }

    public string Range { get; set; } = AllTime;

    public string? Text { get; set; }

    public MessageFilter ToFilter(DateTime utcNow) => new()
    {
        ConnectionId = ConnectionId,
        Direction = Direction,
        Status = Status,
        From = Ranges.GetValueOrDefault(Range) is { } span ? utcNow - span : null,
        Text = string.IsNullOrWhiteSpace(Text) ? null : Text.Trim(),
    };

    /// <summary>The filters in words: "connection Acme, status Failed, any time".</summary>
    public string Describe(IEnumerable<ConnectionChoice> connections)
    {
        var parts = new List<string>();
        if (ConnectionId is { } id)
        {
            parts.Add("connection " + (connections.FirstOrDefault(c => c.Id == id)?.Name ?? $"#{id}"));
        }

        if (Direction is not null)
        {
            parts.Add("direction " + Direction);
        }

        if (Status is not null)
        {
            parts.Add("status " + Status);
        }

        parts.Add(Range == AllTime ? "any time" : Range.ToLowerInvariant());
        if (!string.IsNullOrWhiteSpace(Text))
        {
            parts.Add($"text \"{Text.Trim()}\"");
        }

        return string.Join(", ", parts);
    }
}
