using MudBlazor;
using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Features.Messages;

/// <summary>The colour of a message status and of a delivery attempt's outcome, as their chips show them.</summary>
public static class StatusColors
{
    public static Color ForStatus(MessageStatus status) => status switch
    {
        MessageStatus.Received or MessageStatus.Delivered => Color.Success,
        MessageStatus.Failed or MessageStatus.DeadLettered => Color.Error,
        MessageStatus.Retrying => Color.Warning,
        MessageStatus.Skipped => Color.Default,
        _ => Color.Info,
    };

    public static Color ForOutcome(AttemptOutcome outcome) => outcome switch
    {
        AttemptOutcome.Delivered or AttemptOutcome.Found => Color.Success,
        AttemptOutcome.RateLimited or AttemptOutcome.Uncertain or AttemptOutcome.Interrupted => Color.Warning,
        _ => Color.Error,
    };
}
