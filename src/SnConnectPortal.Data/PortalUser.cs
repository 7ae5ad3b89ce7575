using Microsoft.AspNetCore.Identity;

namespace SnConnectPortal.Data;

/// <summary>A person who signs in to the portal.</summary>
public class PortalUser : IdentityUser
{
    public string? DisplayName { get; set; }

    /// <summary>When the account was created (UTC).</summary>
    public DateTime CreatedAt { get; set; }
}
