using MudBlazor;

namespace SnConnectPortal.Web.Components.Shared;

/// <summary>How pages say what a service's action did.</summary>
public static class ServiceResultNotices
{
    /// <summary>
    /// Says how an action went: its success (unless <paramref name="success"/> is null, when the page shows it another
    /// way), or why nothing changed (kept on screen longer, to be read).
    /// </summary>
    public static void Report(this ISnackbar snackbar, ServiceResult result, string? success = null)
    {
        if (result.Succeeded)
        {
            if (success is not null)
            {
                snackbar.Add(success, Severity.Success);
            }
        }
        else
        {
            snackbar.Add($"Not changed: {result.ErrorText}", Severity.Error, options => options.VisibleStateDuration = 10_000);
        }
    }
}
