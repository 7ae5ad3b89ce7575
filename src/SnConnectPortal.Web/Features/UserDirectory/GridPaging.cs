using MudBlazor;

namespace SnConnectPortal.Web.Features.UserDirectory;

/// <summary>Server-paged grids read again from their first page when what they show changes (a search, a filter).</summary>
internal static class GridPaging
{
    public static async Task FirstPageAsync<T>(MudDataGrid<T> grid)
    {
        if (grid.CurrentPage == 0)
        {
            await grid.ReloadServerData();
        }
        else
        {
            // Moving to another page reads it from the server.
            grid.NavigateTo(Page.First);
        }
    }
}
