using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.UserDirectory;
using SnConnectPortal.Web.Tests.UserDirectory;

namespace SnConnectPortal.Web.Tests.Components.UserDirectory;

/// <summary>
/// A user-directory component rendered in-process against the portal's real services on a real SQLite file (one
/// connection, no sandbox), signed in with a role.
/// </summary>
public abstract class DirectoryComponentTest : PortalComponentTest, IAsyncLifetime
{
    private DirectoryTestHost? _host;

    protected DirectoryTestHost Host => _host ?? throw new InvalidOperationException("Call StartAsync first.");

    protected long ConnectionId => Host.ConnectionId;

    protected async Task StartAsync(string role)
    {
        _host = await DirectoryTestHost.StartAsync(null);
        Context.Services.AddSingleton(Host.Get<MappingQueries>());
        Context.Services.AddSingleton(Host.Get<UserMappings>());
        Context.Services.AddSingleton(Host.Get<HubUsers>());
        Context.Services.AddSingleton(Host.Get<ImportedUsersQuery>());
        Context.Services.AddSingleton(Host.Get<UserImportCoordinator>());
        Context.AddAuthorization().SetAuthorized("otto@example.com").SetRoles(role);
    }

    /// <summary>Where popovers (an autocomplete's list) render, once <see cref="RenderDialogProvider"/> has run.</summary>
    protected IRenderedComponent<MudPopoverProvider> Popovers { get; private set; } = default!;

    /// <summary>Renders the hosts MudBlazor's dialogs and popovers attach to; returns the dialogs' host.</summary>
    protected IRenderedComponent<MudDialogProvider> RenderDialogProvider()
    {
        Popovers = RenderPopoverProvider();
        return Context.Render<MudDialogProvider>();
    }

    protected async Task<long> AddHubUserAsync(string name, string email)
    {
        var (id, errors) = await Host.Get<HubUsers>().CreateAsync(DirectoryTestHost.Operator,
            new HubUserInput { DisplayName = name, Email = email }, CancellationToken.None);
        Assert.True(id is not null, string.Join(" ", errors));
        return id.Value;
    }

    protected async Task AddServiceNowUserAsync(string sysId, string userName, string name, string email, bool lockedOut = false)
    {
        await using var db = await Host.DbAsync();
        db.ServiceNowUsers.Add(new ServiceNowUser
        {
            ConnectionId = ConnectionId, SysId = sysId, UserName = userName, Name = name, Email = email, Active = true, LockedOut = lockedOut,
            NormalizedEmail = DirectoryText.Key(email), NormalizedUserName = DirectoryText.Key(userName), NormalizedName = DirectoryText.NameKey(name),
        });
        await db.SaveChangesAsync();
    }

    protected async Task<int> MappedCountAsync() =>
        (await Host.Get<MappingQueries>().CountsAsync(ConnectionId, CancellationToken.None)).Mapped;

    // Re-implemented so that the portal's host is disposed too, after the rendered components.
    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
