using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SnConnectPortal.Web.Features.Administration;

namespace SnConnectPortal.Web.Tests.Components.Administration;

/// <summary>The reset-password dialog returns the new password, or keeps itself open with the reason it cannot.</summary>
public sealed class ResetPasswordDialogTests : PortalComponentTest
{
    [Fact]
    public async Task Reset_APasswordOverTheLimit_IsRefusedBesideTheField_AndTheDialogStaysOpen()
    {
        var (provider, dialog) = await OpenAsync();

        provider.Find("input[data-testid=reset-password-input], [data-testid=reset-password-input] input").Input(new string('p', 129));
        provider.Find("[data-testid=reset-password-submit]").Click();

        Assert.Equal("A password has at most 128 characters.", provider.Find("#error-password").TextContent.Trim());
        Assert.False(dialog.Result.IsCompleted);
    }

    [Fact]
    public async Task Reset_AGoodPassword_ReturnsIt()
    {
        var (provider, dialog) = await OpenAsync();

        provider.Find("input[data-testid=reset-password-input], [data-testid=reset-password-input] input").Input("a-new-password");
        provider.Find("[data-testid=reset-password-submit]").Click();

        var result = await dialog.Result;
        Assert.Equal("a-new-password", result?.Data);
    }

    private async Task<(IRenderedComponent<MudDialogProvider> Provider, IDialogReference Dialog)> OpenAsync()
    {
        var provider = Context.Render<MudDialogProvider>();
        var dialogs = Context.Services.GetRequiredService<IDialogService>();
        var dialog = await provider.InvokeAsync(() => dialogs.ShowAsync<ResetPasswordDialog>("Reset the password of ada@example.com"));
        provider.WaitForElement("[data-testid=reset-password-submit]");
        return (provider, dialog);
    }
}
