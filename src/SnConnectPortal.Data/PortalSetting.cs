namespace SnConnectPortal.Data;

/// <summary>
/// A setting an administrator changes in the portal itself (rather than in configuration), by key, e.g. the message
/// retention. A key with no row falls back to the configured default.
/// </summary>
public class PortalSetting
{
    public required string Key { get; set; }

    public required string Value { get; set; }

    public DateTime UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }
}
