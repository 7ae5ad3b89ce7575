namespace SnConnectPortal.Data;

/// <summary>Where a connection stands. Stored by name; the portal's <c>ConnectionStatusTransitions</c> say what moves it.</summary>
public enum ConnectionStatus
{
    /// <summary>Saved, but no check has passed since it was created or its address or credentials last changed.</summary>
    Unverified,

    /// <summary>The last check passed.</summary>
    Verified,

    /// <summary>Verified and put into service by an Admin.</summary>
    Active,

    /// <summary>The last check failed.</summary>
    Failing,

    /// <summary>Switched off by an Admin: carries nothing until enabled.</summary>
    Disabled,
}
