using Radzen;

namespace SnConnectPortal.Web.Features.Connections;

/// <summary>The confirmations the connection pages share.</summary>
internal static class ConnectionDialogs
{
    public static async Task<bool> ConfirmDeleteAsync(DialogService dialogs, string name) =>
        await dialogs.Confirm(
            $"Delete {name}? It stops carrying messages and its credentials are erased. Its message history is kept.",
            "Delete connection",
            new ConfirmOptions { OkButtonText = "Delete", CancelButtonText = "Cancel" }) == true;
}
