using MudBlazor;

namespace SnConnectPortal.Web.Features.Connections;

/// <summary>How the connection pages say what an action did.</summary>
internal static class ConnectionNotices
{
    /// <summary>Says how an action went: its success, or why nothing changed (kept on screen longer, to be read).</summary>
    public static void Report(ISnackbar snackbar, ConnectionResult result, string success)
    {
        if (result.Succeeded)
        {
            snackbar.Add(success, Severity.Success);
        }
        else
        {
            snackbar.Add($"Not changed: {string.Join(" ", result.Errors)}", Severity.Error, options => options.VisibleStateDuration = 10_000);
        }
    }
}
