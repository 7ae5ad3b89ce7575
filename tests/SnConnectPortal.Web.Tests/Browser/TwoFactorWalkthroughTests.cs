using Microsoft.Playwright;
using OtpNet;

namespace SnConnectPortal.Web.Tests.Browser;

/// <summary>
/// A new user turns on two-factor sign-in from the menu (key read from the page, code computed as an authenticator app
/// does), sees the recovery codes once, signs in again with password and code, then makes new recovery codes.
/// Screenshots two-factor-*.png.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TwoFactorWalkthroughTests(SandboxPortalFixture fixture) : IClassFixture<SandboxPortalFixture>
{
    private const string Email = "tess@example.com";
    private const string Password = "tess-two-factor-pw";

    [Fact]
    public async Task EnrolFromTheMenu_ThenSignInWithACode()
    {
        var admin = await fixture.AdminPageAsync();
        await PortalNavigation.OpenFromHomeAsync(admin, "Users");
        await admin.GetByTestId("new-user-email").FillAsync(Email);
        await admin.GetByTestId("new-user-password").FillAsync(Password);
        await admin.GetByTestId("new-user-password").PressAsync("Tab");
        await admin.GetByTestId("new-user-submit").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("users-grid")).ToContainTextAsync(Email);
        await admin.Context.CloseAsync();

        var page = await fixture.Browser.NewPageAsync(fixture.Portal.BaseUrl);
        await PortalNavigation.SignInAsync(page, Email, Password);
        await PortalNavigation.OpenTwoFactorAsync(page);
        var key = (await page.GetByTestId("two-factor-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
        await Assertions.Expect(page.GetByTestId("two-factor-qr")).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, "two-factor-1-enrol");
        await page.FillAsync("#code", new Totp(Base32Encoding.ToBytes(key)).ComputeTotp());
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);
        var firstCodes = await page.GetByTestId("recovery-codes").Locator("li").AllInnerTextsAsync();
        await BrowserSession.ScreenshotAsync(page, "two-factor-2-recovery-codes");
        await page.GetByTestId("two-factor-continue").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Dashboard");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await page.FillAsync("#email", Email);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Enter your code");
        await BrowserSession.ScreenshotAsync(page, "two-factor-3-code");
        // The previous 30 s step's code: still accepted, and not the one the enrolment used.
        await page.FillAsync("#code", new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow.AddSeconds(-30)));
        await page.ClickAsync("button[type=submit]");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Dashboard");

        // New recovery codes, confirmed with the app's current code: ten others, shown once.
        await PortalNavigation.OpenTwoFactorAsync(page);
        await page.FillAsync("#code", new Totp(Base32Encoding.ToBytes(key)).ComputeTotp());
        await page.GetByTestId("new-recovery-codes").ClickAsync();
        await Assertions.Expect(page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);
        Assert.Empty((await page.GetByTestId("recovery-codes").Locator("li").AllInnerTextsAsync()).Intersect(firstCodes));
        await BrowserSession.ScreenshotAsync(page, "two-factor-4-new-recovery-codes");
        await page.GetByTestId("two-factor-continue").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Dashboard");
        Assert.DoesNotContain(key, fixture.Portal.Output, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }
}
