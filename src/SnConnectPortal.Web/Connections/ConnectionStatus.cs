namespace SnConnectPortal.Web.Connections;

/// <summary>Where a connection stands. Stored by name.</summary>
public enum ConnectionStatus
{
    /// <summary>Saved, but no check has passed since its address or credentials last changed.</summary>
    Draft,

    /// <summary>The last check passed; not yet carrying messages.</summary>
    Verified,

    /// <summary>Verified and switched on by an Admin: carries messages.</summary>
    Active,

    /// <summary>Was Verified or Active, and the last check failed.</summary>
    Failing,

    /// <summary>Switched off by an Admin: carries nothing until enabled.</summary>
    Disabled,
}
