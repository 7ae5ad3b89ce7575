namespace SnConnectPortal.Sandbox.BusinessRules;

/// <summary>A record change that an async business rule sends out through the REST message.</summary>
/// <param name="AttachmentSysId">The attachment added, for attachment events.</param>
/// <param name="Generation">The REST-message configuration it was raised under; a reset or new configuration drops it.</param>
internal sealed record OutboundEvent(
    string Table, string SysId, string Event, RestMessageSettings Message, string? AttachmentSysId, long Generation);
