namespace SnConnectPortal.Data;

/// <summary>
/// One sys_user row of a connection's instance, as last imported. Users that become inactive keep
/// <see cref="Active"/> false; users that disappear from the instance get <see cref="MissingSince"/>: never deleted,
/// because mappings point at them.
/// </summary>
public class ServiceNowUser
{
    public long Id { get; set; }

    public long ConnectionId { get; set; }

    public required string SysId { get; set; }

    public string UserName { get; set; } = "";

    public string Name { get; set; } = "";

    public string FirstName { get; set; } = "";

    public string LastName { get; set; } = "";

    public string Email { get; set; } = "";

    public string Title { get; set; } = "";

    /// <summary>The department reference (its sys_id), as the Table API sends it.</summary>
    public string Department { get; set; } = "";

    public bool Active { get; set; }

    public bool LockedOut { get; set; }

    /// <summary>Upper-cased email, for case-insensitive matching through an index.</summary>
    public string NormalizedEmail { get; set; } = "";

    /// <summary>Upper-cased user_name.</summary>
    public string NormalizedUserName { get; set; } = "";

    /// <summary>Upper-cased full name with single spaces and no diacritics.</summary>
    public string NormalizedName { get; set; } = "";

    /// <summary>sys_updated_on on the instance (UTC).</summary>
    public DateTime? SysUpdatedOn { get; set; }

    public DateTime ImportedAt { get; set; }

    /// <summary>When an import last changed this row.</summary>
    public DateTime UpdatedAt { get; set; }

    /// <summary>The full import run that last saw this user; a completed full run marks every other user missing.</summary>
    public long? LastSeenRunId { get; set; }

    /// <summary>When a full import no longer found the user on the instance (deleted, or hidden by an ACL).</summary>
    public DateTime? MissingSince { get; set; }
}
