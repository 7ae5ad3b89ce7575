using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SnConnectPortal.Data;
using SnConnectPortal.ServiceNow;
using SnConnectPortal.Web.Features.Connections;

namespace SnConnectPortal.Web.Tests.Browser;

/// <summary>
/// An Admin connects the portal to the sandbox ServiceNow through the wizard, once per auth mode, sees the connection
/// Verified, edits it (replacing a secret), and no secret ever appears in a page's source or in the database file.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConnectionWizardWalkthroughTests(SandboxPortalFixture fixture) : IClassFixture<SandboxPortalFixture>
{
    private const string SandboxPassword = "snc-integration-pw";
    private const string SandboxClientSecret = "snc-portal-secret";

    public static TheoryData<ServiceNowAuthMode> Modes => new()
    {
        ServiceNowAuthMode.Basic,
        ServiceNowAuthMode.OAuthPassword,
        ServiceNowAuthMode.OAuthRefreshToken,
        ServiceNowAuthMode.OAuthClientCredentials,
    };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Admin_CreatesSandboxConnection_SeesItVerified_EditsIt_AndNeverSeesASecret(ServiceNowAuthMode mode)
    {
        var secrets = new[] { SandboxPassword, SandboxClientSecret, await SandboxRefreshTokenAsync() };
        var shot = $"connection-{mode}";
        var page = await fixture.AdminPageAsync();
        await PortalNavigation.OpenPortalAsync(page);
        await PortalNavigation.OpenNewConnectionWizardAsync(page);

        // 1. Instance: a bad address is explained next to the field and what was typed stays.
        await page.GetByTestId("conn-name").FillAsync($"Sandbox {mode}");
        await page.GetByTestId("conn-instance").FillAsync("http://acme.service-now.com/now/nav");
        // Tab commits the value to the circuit (a change event) before the click, as a person moving on would.
        await page.GetByTestId("conn-instance").PressAsync("Tab");
        await page.GetByTestId("wizard-next").ClickAsync();
        await Assertions.Expect(page.GetByTestId("error-InstanceAddress")).ToContainTextAsync("Use https://");
        await Assertions.Expect(page.GetByTestId("conn-name")).ToHaveValueAsync($"Sandbox {mode}");
        await Assertions.Expect(page.GetByTestId("conn-instance")).ToHaveValueAsync("http://acme.service-now.com/now/nav");
        await BrowserSession.ScreenshotAsync(page, $"{shot}-1a-instance-error");
        await page.GetByTestId("use-sandbox").ClickAsync();
        await Assertions.Expect(page.GetByTestId("conn-instance")).ToHaveValueAsync(fixture.Sandbox.BaseUrl.ToString());
        await BrowserSession.ScreenshotAsync(page, $"{shot}-1b-instance");
        await NextAsync(page, "step-authentication");

        // 2. Authentication mode, with its "where to find this" help.
        await page.GetByText(AuthModes.Label(mode), new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("auth-help")).ToContainTextAsync(AuthModes.Summary(mode));
        await BrowserSession.ScreenshotAsync(page, $"{shot}-2-authentication");
        await NextAsync(page, "step-credentials");

        // 3. Credentials: Next without them names each missing one; the sandbox fills its demo identities.
        await page.GetByTestId("wizard-next").ClickAsync();
        foreach (var kind in SecretKinds.RequiredBy(mode))
        {
            await Assertions.Expect(page.GetByTestId($"error-Secret.{kind}")).ToBeVisibleAsync();
        }

        await page.GetByTestId("use-sandbox-credentials").ClickAsync();
        foreach (var kind in SecretKinds.RequiredBy(mode))
        {
            await Assertions.Expect(page.GetByTestId($"secret-{kind}-entered")).ToBeVisibleAsync();
        }

        await BrowserSession.ScreenshotAsync(page, $"{shot}-3-credentials");
        await AssertNoSecretAsync(page, secrets);
        await NextAsync(page, "step-behaviour");

        // 4. Tables and behaviour: incident by default, add problem. The rate limit is off until switched on, and says what
        // the portal does either way; set it to 50 a minute. No field shows a setting nothing obeys (the urgency
        // threshold); the help names no other vendor's product.
        await Assertions.Expect(page.GetByTestId("step-behaviour")).ToContainTextAsync("Off: deliveries go as fast as the instance answers");
        await page.GetByTestId("conn-ratelimit-on").ClickAsync();
        await Assertions.Expect(page.GetByTestId("step-behaviour")).ToContainTextAsync("at most this many deliveries to this instance in any one period (per portal node)");
        await page.GetByTestId("conn-ratelimit").FillAsync("50");
        await page.GetByTestId("conn-ratelimit").PressAsync("Tab");
        await page.GetByTestId("conn-ratelimit-period").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("a minute", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("step-behaviour")).Not.ToContainTextAsync(new Regex("urgency", RegexOptions.IgnoreCase));
        await Assertions.Expect(page.GetByTestId("step-behaviour")).Not.ToContainTextAsync("IONIX");
        await page.GetByTestId("conn-tables").GetByText("problem", new() { Exact = true }).ClickAsync();
        await BrowserSession.ScreenshotAsync(page, $"{shot}-4-behaviour");
        await NextAsync(page, "step-review");

        // 5. Review, then save and check: the connection page shows it Verified.
        await Assertions.Expect(page.GetByTestId("review")).ToContainTextAsync("incident, problem");
        await Assertions.Expect(page.GetByTestId("review")).Not.ToContainTextAsync(new Regex("urgency", RegexOptions.IgnoreCase));
        await BrowserSession.ScreenshotAsync(page, $"{shot}-5-review");
        await AssertNoSecretAsync(page, secrets);
        await SaveAndRunSystemsCheckAsync(page, $"{shot}-6a-systems-check");
        await Assertions.Expect(page.GetByTestId("connection-name")).ToHaveTextAsync($"Sandbox {mode}");
        await Assertions.Expect(page.GetByTestId("detail-ratelimit")).ToHaveTextAsync("The portal starts at most 50 deliveries a minute to this instance (per portal node)");
        await Assertions.Expect(page.GetByTestId("connection-status")).ToHaveTextAsync("Verified");
        await Assertions.Expect(page.GetByTestId("last-check")).ToContainTextAsync("Passed");
        await BrowserSession.ScreenshotAsync(page, $"{shot}-6-verified");
        await AssertNoSecretAsync(page, secrets);

        // Edit: open the wizard at the credentials step, replace the client secret (or password), save and check again.
        var replaced = mode == ServiceNowAuthMode.Basic ? SecretKind.Password : SecretKind.ClientSecret;
        await page.GetByTestId("edit-step-2").First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("step-credentials")).ToBeVisibleAsync();
        await BrowserSession.WaitForInteractivityAsync(page);
        await Assertions.Expect(page.GetByTestId($"secret-{replaced}-stored")).ToContainTextAsync($"by {SandboxPortalFixture.AdminEmail}");
        await page.GetByTestId($"secret-{replaced}-replace").ClickAsync();
        await page.GetByTestId($"secret-{replaced}-input").FillAsync(replaced == SecretKind.Password ? SandboxPassword : SandboxClientSecret);
        await page.GetByTestId($"secret-{replaced}-input").PressAsync("Tab");
        await Assertions.Expect(page.GetByTestId($"secret-{replaced}-entered")).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, $"{shot}-7-edit-replace-secret");
        await NextAsync(page, "step-behaviour");
        await NextAsync(page, "step-review");
        await Assertions.Expect(page.GetByTestId("status-after-save"))
            .ToHaveTextAsync("Changing the address or credentials makes it Unverified (now Verified) until a Systems Check passes.");
        await SaveAndRunSystemsCheckAsync(page, $"{shot}-7b-systems-check-after-edit");
        await Assertions.Expect(page.GetByTestId("connection-status")).ToHaveTextAsync("Verified");
        await AssertNoSecretAsync(page, secrets);

        // The list shows it with its status and last check.
        await PortalNavigation.OpenFromMenuAsync(page, "Connections");
        await Assertions.Expect(page.GetByTestId("connections-grid").GetByText($"Sandbox {mode}")).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, $"{shot}-8-list");
        await AssertNoSecretAsync(page, secrets);

        // The audit log says the secret was replaced, never what it is.
        await PortalNavigation.OpenFromMenuAsync(page, "Audit log");
        await Assertions.Expect(page.GetByTestId("audit-grid").GetByText($"{SecretKinds.Label(replaced)} replaced").First).ToBeVisibleAsync();
        await BrowserSession.ScreenshotAsync(page, $"{shot}-9-audit");
        await AssertNoSecretAsync(page, secrets);
        AssertNoSecretInDatabase(secrets);
        await page.Context.CloseAsync();
    }

    /// <summary>"Save and run the Systems Check" opens the check, which runs at once and ends in its summary dialog.</summary>
    private static async Task SaveAndRunSystemsCheckAsync(IPage page, string screenshot)
    {
        await page.GetByTestId("save-check").ClickAsync();
        var summary = page.GetByTestId("systems-check-summary");
        await Assertions.Expect(summary).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(summary).Not.ToHaveAttributeAsync("data-outcome", "Failed");
        await BrowserSession.ScreenshotAsync(page, screenshot);
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(summary).ToHaveCountAsync(0);
        await page.GetByTestId("back-to-connection").ClickAsync();
    }

    private static async Task NextAsync(IPage page, string expectedStep)
    {
        await page.GetByTestId("wizard-next").ClickAsync();
        await Assertions.Expect(page.GetByTestId(expectedStep)).ToBeVisibleAsync();
    }

    private static async Task AssertNoSecretAsync(IPage page, IEnumerable<string> secrets)
    {
        var source = await page.ContentAsync();
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, source, StringComparison.Ordinal);
        }
    }

    private void AssertNoSecretInDatabase(IEnumerable<string> secrets)
    {
        var files = Directory.GetFiles(fixture.Portal.DataDirectory);
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var bytes = copy.ToArray();
            foreach (var secret in secrets)
            {
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) < 0, $"{Path.GetFileName(file)} holds a secret in clear");
                Assert.True(bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(secret)) < 0, $"{Path.GetFileName(file)} holds a secret in clear (UTF-16)");
            }
        }
    }

    /// <summary>The refresh token the sandbox hands out for its demo user: the same one the wizard fills in while it is valid.</summary>
    private async Task<string> SandboxRefreshTokenAsync()
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = "snc-portal",
            ["client_secret"] = SandboxClientSecret,
            ["username"] = "snc.integration",
            ["password"] = SandboxPassword,
        });
        using var response = await fixture.Sandbox.Control.PostAsync(new Uri("oauth_token.do", UriKind.Relative), form);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("refresh_token").GetString()!;
    }
}
