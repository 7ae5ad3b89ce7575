namespace SnConnectPortal.Data;

/// <summary>One ASP.NET Core Data Protection key, as the key manager writes it, shared by every portal node.</summary>
public class DataProtectionKey
{
    public int Id { get; set; }

    public string? FriendlyName { get; set; }

    public required string Xml { get; set; }
}
