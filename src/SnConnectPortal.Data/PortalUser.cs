using Microsoft.AspNetCore.Identity;

namespace SnConnectPortal.Data;

/// <summary>A person who signs in to the portal.</summary>
public class PortalUser : IdentityUser
{
    public string? DisplayName { get; set; }

    /// <summary>When the account was created (UTC).</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>Light, dark, or following the browser: chosen in the portal's top bar and kept for the next visit.</summary>
    public ThemePreference ThemePreference { get; set; }
}
