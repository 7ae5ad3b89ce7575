namespace SnConnectPortal.Sandbox.BusinessRules;

/// <summary>The outbound REST message the business rules call (endpoint, Basic credentials, tables).</summary>
internal sealed record RestMessageSettings(
    Uri Endpoint,
    string? UserName,
    string? Password,
    IReadOnlySet<string> Tables,
    bool Attachments);
