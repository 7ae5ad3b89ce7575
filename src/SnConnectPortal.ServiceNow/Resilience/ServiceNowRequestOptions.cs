namespace SnConnectPortal.ServiceNow.Resilience;

/// <summary>Per-request flags the client passes down to its HTTP handlers.</summary>
internal static class ServiceNowRequestOptions
{
    /// <summary>Leave the body unread in the handler, so a large attachment streams to its destination.</summary>
    public static readonly HttpRequestOptionsKey<bool> StreamResponse = new("SnConnectPortal.ServiceNow.StreamResponse");
}
