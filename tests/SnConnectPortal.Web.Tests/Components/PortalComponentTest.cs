using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace SnConnectPortal.Web.Tests.Components;

/// <summary>
/// The base of the bUnit tests: a component rendered in-process with MudBlazor's services, loose JavaScript interop
/// (MudBlazor's calls into the browser return defaults), and a popover provider so menus, selects and dialogs render.
/// </summary>
public abstract class PortalComponentTest : IAsyncLifetime
{
    protected BunitContext Context { get; } = new();

    protected PortalComponentTest()
    {
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
        Context.Services.AddSingleton(TimeProvider.System);
    }

    /// <summary>Renders the providers MudBlazor's popovers and dialogs attach to; render it before the component under test.</summary>
    protected IRenderedComponent<MudPopoverProvider> RenderPopoverProvider() => Context.Render<MudPopoverProvider>();

    public Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor registers services that are only IAsyncDisposable.
    public async Task DisposeAsync() => await Context.DisposeAsync();
}
