namespace SnConnectPortal.Web.Features.Administration;

public enum PortalUserStatus
{
    Active,
    LockedOut,
    Disabled,
}

/// <summary>One row of the Administration / Users page.</summary>
public sealed record PortalUserSummary(string Id, string Email, string? DisplayName, string Role, PortalUserStatus Status, DateTime CreatedAt, bool TwoFactor);
