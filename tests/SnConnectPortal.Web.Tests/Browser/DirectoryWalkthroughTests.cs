using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace SnConnectPortal.Web.Tests.Browser;

/// <summary>
/// A new administrator tries mapping on the sandbox's demo directory, reaching the page from the navigation: imports
/// the users, browses and searches them (as they type), sees the whole import history at 1360 and 390 px, uploads the
/// sample hub-user CSV from samples/, asks for suggestions and accepts those at 90% or more, which says what it will
/// do, asks first, and makes no conflict. Screenshots directory-*.png.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class DirectoryWalkthroughTests(DemoDirectoryPortalFixture fixture) : IClassFixture<DemoDirectoryPortalFixture>
{
    [Fact]
    public async Task Admin_BrowsesImportedUsers_UploadsTheSampleCsv_AndAcceptAllAsksFirstWithoutMakingConflicts()
    {
        var page = await fixture.AdminPageAsync();
        await PortalNavigation.OpenPortalAsync(page);
        await PortalNavigation.SaveSandboxConnectionAsync(page, "Demo directory");

        await PortalNavigation.OpenFromHomeAsync(page, "User directory");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("User directory");
        await page.GetByTestId("import-full").ClickAsync();
        await Assertions.Expect(page.GetByTestId("import-progress")).ToHaveAttributeAsync("data-status", "Completed", new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("imported-count")).ToHaveTextAsync(new Regex(@"^\s*320 ServiceNow users imported\s*$"));

        // The imported users: paged, and searched as the person types (no Enter).
        var users = page.GetByTestId("imported-users-grid");
        await Assertions.Expect(users.Locator("tbody tr")).ToHaveCountAsync(10);
        await Assertions.Expect(users).ToContainTextAsync("320");
        await page.GetByTestId("imported-users-search").FillAsync("amelia");
        await Assertions.Expect(users.Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(users.Locator("tbody tr")).ToContainTextAsync("amelia.hart@acme.example");
        await Assertions.Expect(users.Locator("tbody tr")).ToContainTextAsync("Finance");
        await page.GetByTestId("imported-users-search").FillAsync("Customer Support");
        await Assertions.Expect(users.Locator("tbody tr").First).ToContainTextAsync("Customer Support");
        await PortalNavigation.ScreenshotsAsync(page, "directory-1-imported-users");

        // The import history shows every column at 1360 px without scrolling.
        var overflow = await page.EvaluateAsync<int>(
            "() => { const t = document.querySelector('[data-testid=runs-grid] .mud-table-container'); return t.scrollWidth - t.clientWidth; }");
        Assert.True(overflow <= 0, $"The import history overflows its box by {overflow} px at 1360 px wide.");
        await AssertNoteHeaderVisibleAsync(page);

        // The sample CSV of the README, then suggestions and accept-all, which asks first.
        await page.GetByTestId("hub-users-csv").SetInputFilesAsync(Path.Combine(PortalProcess.RepositoryRoot(), "samples", "hub-users.csv"));
        await Assertions.Expect(page.GetByTestId("csv-result")).ToContainTextAsync("16 added, 0 updated, 0 rejected.");
        await page.GetByTestId("suggest").ClickAsync();
        await Assertions.Expect(page.GetByTestId("mapping-status")).ToContainTextAsync("14 suggestions.");
        await page.GetByTestId("accept-all").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Assertions.Expect(dialog).ToContainTextAsync("Map 5 hub users whose suggestion is 90% or more? 1 ambiguous one is left for you");
        await PortalNavigation.WaitForAnimationsAsync(page);
        await BrowserSession.ScreenshotAsync(page, "directory-2-accept-all-asks");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Map 5" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("mapping-status")).ToContainTextAsync("5 hub users mapped. 1 suggestion was left for you to decide");
        await Assertions.Expect(page.GetByTestId("filter-mapped")).ToHaveTextAsync("Mapped (5)");
        await Assertions.Expect(page.GetByTestId("filter-conflicts")).ToHaveTextAsync("Conflicts (0)");
        // The hub user who lost to the better-scored one is left unmapped, its stale suggestion gone.
        var phone = page.GetByTestId("mapping-grid").Locator("tbody tr").Filter(new() { HasText = "Sofia Rossi (phone)" });
        await Assertions.Expect(phone.GetByTestId("row-state")).ToHaveTextAsync("Unmapped");
        await BrowserSession.ScreenshotAsync(page, "directory-3-accepted-without-conflicts");

        // On a phone the history scrolls sideways inside its box, and the page itself does not.
        await page.SetViewportSizeAsync(390, 844);
        await PortalNavigation.WaitForNavigationAsync(page, folded: true);
        var runsRight = await page.EvaluateAsync<double>("() => document.querySelector('[data-testid=runs-grid]').getBoundingClientRect().right");
        Assert.True(runsRight <= 390, $"The import history ends at {runsRight} px, past a 390 px window.");
        await page.EvaluateAsync("() => { const t = document.querySelector('[data-testid=runs-grid] .mud-table-container'); t.scrollLeft = t.scrollWidth; }");
        await AssertNoteHeaderVisibleAsync(page);
        await BrowserSession.ScreenshotAsync(page, "directory-4-390");
        await page.Context.CloseAsync();
    }

    private static async Task AssertNoteHeaderVisibleAsync(IPage page)
    {
        var inside = await page.EvaluateAsync<bool>("""
            () => {
                const grid = document.querySelector('[data-testid=runs-grid] .mud-table-container').getBoundingClientRect();
                const note = [...document.querySelectorAll('[data-testid=runs-grid] th')].find(th => th.textContent.trim() === 'Note').getBoundingClientRect();
                return note.left >= grid.left - 1 && note.left + 40 <= grid.right + 1;
            }
            """);
        Assert.True(inside, "The import history's Note column is cut off.");
    }
}
