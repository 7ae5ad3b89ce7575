namespace SnConnectPortal.Sandbox.BusinessRules;

/// <summary>Body of <c>POST /sandbox/rest-message</c>.</summary>
internal sealed record RestMessageRequest(
    string? Endpoint,
    string? UserName,
    string? Password,
    IReadOnlyList<string>? Tables,
    bool Attachments);
