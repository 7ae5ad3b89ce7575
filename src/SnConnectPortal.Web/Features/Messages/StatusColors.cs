using MudBlazor;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.Outbound;

namespace SnConnectPortal.Web.Features.Messages;

/// <summary>The colour of a message status and of a delivery attempt's outcome, as their chips show them.</summary>
public static class StatusColors
{
    public static Color ForStatus(MessageStatus status) => status switch
    {
        MessageStatus.Received or MessageStatus.Delivered => Color.Success,
        MessageStatus.Failed or MessageStatus.DeadLettered => Color.Error,
        MessageStatus.Retrying => Color.Warning,
        _ => Color.Info,
    };

    public static Color ForOutcome(string outcome) => outcome switch
    {
        AttemptOutcomes.Delivered or AttemptOutcomes.Found => Color.Success,
        AttemptOutcomes.RateLimited or AttemptOutcomes.Uncertain or AttemptOutcomes.Interrupted => Color.Warning,
        _ => Color.Error,
    };
}
