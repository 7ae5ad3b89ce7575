using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.ServiceNow;
using SnConnectPortal.Web.Security;
using SnConnectPortal.Web.Features.UserDirectory;

namespace SnConnectPortal.Web.Tests.Connections;

/// <summary>Background work (user import) gets a saved connection's settings with its secrets, from the connections feature.</summary>
[Collection(ConnectionsCollection.Name)]
public sealed class ConnectionSettingsSourceTests(ConnectionsPortal portal)
{
    private static readonly System.Security.Claims.ClaimsPrincipal Admin = ConnectionsPortal.Principal(PortalRoles.Admin);

    private IConnectionSettingsSource Source => portal.Services.GetRequiredService<IConnectionSettingsSource>();

    [Fact]
    public async Task SavedConnection_GivesItsSettingsWithTheSecretDecrypted()
    {
        var saved = await portal.Administration.SaveAsync(Admin, portal.SandboxDraft("Settings source"), CancellationToken.None);

        var settings = await Source.GetSettingsAsync(saved.Value, CancellationToken.None);

        Assert.NotNull(settings);
        Assert.Equal(portal.Sandbox.BaseUrl, settings.InstanceUrl);
        Assert.Equal(ServiceNowAuthMode.Basic, settings.AuthMode);
        Assert.Equal(ConnectionsPortal.SandboxPassword, settings.Password);
    }

    [Fact]
    public async Task DeletedOrUnknownConnection_GivesNothing()
    {
        var saved = await portal.Administration.SaveAsync(Admin, portal.SandboxDraft("Settings source deleted"), CancellationToken.None);
        await portal.Administration.DeleteAsync(Admin, saved.Value, CancellationToken.None);

        Assert.Null(await Source.GetSettingsAsync(saved.Value, CancellationToken.None));
        Assert.Null(await Source.GetSettingsAsync(long.MaxValue, CancellationToken.None));
    }
}
