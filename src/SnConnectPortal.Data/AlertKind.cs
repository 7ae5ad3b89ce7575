namespace SnConnectPortal.Data;

/// <summary>What an <see cref="Alert"/> is about. Stored by name.</summary>
public enum AlertKind
{
    /// <summary>The connection's last Systems Check failed.</summary>
    ConnectionFailing,

    /// <summary>The oldest outbound message waiting to go is older than the backlog threshold.</summary>
    DeliveryBacklog,

    /// <summary>Outbound messages ended Failed or Dead-lettered and are still there.</summary>
    DeadLetters,

    /// <summary>No inbound message arrived for longer than the silence threshold.</summary>
    InboundSilence,

    /// <summary>The OAuth refresh token nears the end of its lifespan.</summary>
    RefreshTokenExpiring,

    /// <summary>The instance's TLS certificate nears its expiry.</summary>
    CertificateExpiring,

    /// <summary>The integration user's password nears the expiry date an Admin entered.</summary>
    PasswordExpiring,
}
