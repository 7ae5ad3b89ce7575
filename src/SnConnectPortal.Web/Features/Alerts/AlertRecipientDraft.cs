using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Features.Alerts;

/// <summary>The Alerts page's "add a recipient" form.</summary>
public sealed class AlertRecipientDraft
{
    public AlertChannel Channel { get; set; } = AlertChannel.Email;

    /// <summary>An email address, or a webhook's whole URL.</summary>
    public string Address { get; set; } = "";

    /// <summary>Every kind by default: most teams want to hear about all of them.</summary>
    public HashSet<AlertKind> Kinds { get; set; } = [.. Enum.GetValues<AlertKind>()];
}

/// <summary>One recipient as the page shows it: a webhook by its scheme and host only (its path often holds a token).</summary>
public sealed record AlertRecipientView(long Id, AlertChannel Channel, string Address, IReadOnlyList<AlertKind> Kinds);
