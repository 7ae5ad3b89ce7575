namespace SnConnectPortal.Data;

/// <summary>One secret of a connection (password, client secret or refresh token), encrypted with Data Protection.</summary>
public class ConnectionSecret
{
    public long Id { get; set; }

    public long ConnectionId { get; set; }

    public required SecretKind Kind { get; set; }

    /// <summary>The Data Protection payload; never the value itself.</summary>
    public required string ProtectedValue { get; set; }

    public DateTime SetAt { get; set; }

    public required string SetBy { get; set; }
}
