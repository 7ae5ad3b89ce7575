namespace SnConnectPortal.Web.Features.Connections;

/// <summary>The outcome of an action on a connection: success (with the connection's id), or reasons in plain words.</summary>
public sealed record ConnectionResult(long? Id, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static ConnectionResult Success(long id) => new(id, []);

    public static ConnectionResult Fail(params string[] errors) => new(null, errors);
}
