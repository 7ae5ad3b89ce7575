namespace SnConnectPortal.Sandbox.Tables;

/// <summary>The default priority data lookup: impact × urgency (SERVICENOW-API.md section 5).</summary>
internal static class PriorityMatrix
{
    public static int Priority(int impact, int urgency) => (impact, urgency) switch
    {
        (1, 1) => 1,
        (1, 2) or (2, 1) => 2,
        (1, 3) or (2, 2) or (3, 1) => 3,
        (2, 3) or (3, 2) => 4,
        _ => 5,
    };
}
