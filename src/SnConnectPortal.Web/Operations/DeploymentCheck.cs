namespace SnConnectPortal.Web.Operations;

public static class DeploymentCheck
{
    private const string FrameworkScript = "_framework/blazor.web.js";

    /// <summary>
    /// Outside Development, static files come from the web root alone, which only the <c>dotnet publish</c> output
    /// fills: the build output answers every page script with an empty 200 and the pages never become interactive.
    /// Says so at start instead of leaving an administrator with dead pages.
    /// </summary>
    public static void WarnIfNotPublished(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment() && !app.Environment.WebRootFileProvider.GetFileInfo(FrameworkScript).Exists)
        {
            app.Logger.LogCritical(
                "{Folder} has no wwwroot/{Script}: this looks like build output, whose pages stay dead outside Development. Deploy the output of `dotnet publish` (README, \"Deploy it\").",
                app.Environment.ContentRootPath,
                FrameworkScript);
        }
    }
}
