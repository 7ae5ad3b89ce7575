namespace SnConnectPortal.Web.Features.Connections;

/// <summary>Whether a connection name is free, for the wizard's uniqueness rule.</summary>
public interface IConnectionNames
{
    /// <summary>True when no other existing connection (than <paramref name="exceptId"/>) has this name, ignoring case.</summary>
    Task<bool> IsAvailableAsync(string name, long? exceptId, CancellationToken cancellationToken);
}
