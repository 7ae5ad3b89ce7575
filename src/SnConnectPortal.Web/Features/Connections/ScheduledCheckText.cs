namespace SnConnectPortal.Web.Features.Connections;

/// <summary>A connection's scheduled Systems Check in words, for its page, the wizard's review and the audit log.</summary>
public static class ScheduledCheckText
{
    public static string Sentence(int? minutes) => minutes switch
    {
        null => "Off: the Systems Check runs only when someone runs it",
        1440 => "Every day",
        >= 60 when minutes % 60 == 0 => $"Every {minutes / 60} hour(s)",
        _ => $"Every {minutes} minutes",
    };
}
