using MudBlazor;

namespace SnConnectPortal.Web.Features.Connections;

/// <summary>The confirmations the connection pages share.</summary>
internal static class ConnectionDialogs
{
    public static async Task<bool> ConfirmDeleteAsync(IDialogService dialogs, string name) =>
        await dialogs.ShowMessageBoxAsync(
            "Delete connection",
            $"Delete {name}? It stops carrying messages and its credentials are erased. Its message history is kept.",
            yesText: "Delete",
            cancelText: "Cancel") == true;

    public static async Task<bool> ConfirmDisableAsync(IDialogService dialogs, string name) =>
        await dialogs.ShowMessageBoxAsync(
            "Disable connection",
            $"Disable {name}? Nothing is delivered to ServiceNow until an Admin enables it again; its settings and credentials are kept.",
            yesText: "Disable",
            cancelText: "Cancel") == true;
}
