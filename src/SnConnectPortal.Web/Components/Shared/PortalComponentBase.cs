using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace SnConnectPortal.Web.Components.Shared;

/// <summary>
/// A page or panel that acts for the signed-in user: it supplies that user and a cancellation token that ends with the
/// component, so work started for a page the user has left (or a closed tab) stops instead of running on.
/// </summary>
public abstract class PortalComponentBase : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _disposed;

    // Taken once: a callback still in flight when the component is disposed gets a cancelled token, not an
    // ObjectDisposedException from the disposed source.
    private readonly CancellationToken _componentToken;

    protected PortalComponentBase()
    {
        _disposed = new CancellationTokenSource();
        _componentToken = _disposed.Token;
    }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>Cancelled when the component is disposed.</summary>
    protected CancellationToken ComponentToken => _componentToken;

    /// <summary>The signed-in user (an anonymous principal where no authentication state cascades, e.g. in a test).</summary>
    protected async Task<ClaimsPrincipal> CurrentUserAsync() =>
        AuthenticationState is null ? new ClaimsPrincipal(new ClaimsIdentity()) : (await AuthenticationState).User;

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _disposed.Cancel();
            _disposed.Dispose();
        }
    }
}
