// First-page weight: what a browser transfers to show the portal's first pages, by kind (HTML, CSS, JS, other),
// compressed as sent. Starts the published portal in Production on a fresh SQLite file, opens / (the first-run
// page) in a fresh headless Chromium context, creates the administrator, then opens / again signed in (the
// Connections page with the full layout) in another fresh context, so nothing comes from the cache.
// Usage: FirstPageBench <published portal dll>
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;

var dll = Path.GetFullPath(args[0]);
var work = Directory.CreateTempSubdirectory("sncp-first-page-");
int port;
using (var listener = new TcpListener(IPAddress.Loopback, 0))
{
    listener.Start();
    port = ((IPEndPoint)listener.LocalEndpoint).Port;
}

var baseUrl = new Uri($"http://127.0.0.1:{port}/");
var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
foreach (var a in new[] { dll, "--urls", baseUrl.ToString().TrimEnd('/'), $"--Database:SqlitePath={Path.Combine(work.FullName, "portal.db")}",
             $"--DataProtection:CertificatePath={Path.Combine(work.FullName, "keyring.pfx")}", "--Logging:LogLevel:Default=Warning" })
{
    start.ArgumentList.Add(a);
}

start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
using var portal = Process.Start(start)!;
portal.BeginOutputReadLine();
portal.BeginErrorReadLine();
try
{
    using var http = new HttpClient { BaseAddress = baseUrl };
    for (var i = 0; ; i++)
    {
        try
        {
            if ((await http.GetAsync(new Uri("health/ready", UriKind.Relative))).IsSuccessStatusCode)
            {
                break;
            }
        }
        catch (HttpRequestException) when (i < 300)
        {
        }

        await Task.Delay(200);
    }

    using var playwright = await Playwright.CreateAsync();
    await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Environment.GetEnvironmentVariable("SNCP_CHROMIUM") ?? "/usr/bin/chromium",
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    var options = new BrowserNewContextOptions { BaseURL = baseUrl.ToString(), ViewportSize = new ViewportSize { Width = 1360, Height = 860 } };

    var setup = await browser.NewContextAsync(options);
    var page = await setup.NewPageAsync();
    var firstRun = await MeasureAsync(page, () => page.GotoAsync("/", new() { WaitUntil = WaitUntilState.NetworkIdle }));
    Print("first-run page (/ → /setup)", firstRun);
    await page.FillAsync("#displayName", "Bench Admin");
    await page.FillAsync("#email", "bench@example.com");
    await page.FillAsync("#password", "bench-admin-password");
    await page.FillAsync("#confirmPassword", "bench-admin-password");
    await page.ClickAsync("button[type=submit]");
    await page.WaitForSelectorAsync("[data-interactive=true]");

    options.StorageState = await setup.StorageStateAsync();
    var signedIn = await browser.NewContextAsync(options);
    var home = await signedIn.NewPageAsync();
    var connections = await MeasureAsync(home, () => home.GotoAsync("/", new() { WaitUntil = WaitUntilState.NetworkIdle }));
    Print("signed-in first page (/ → Connections)", connections);
}
finally
{
    portal.Kill(entireProcessTree: true);
    await portal.WaitForExitAsync();
    work.Delete(recursive: true);
}

static async Task<List<(string Kind, string Url, long Bytes)>> MeasureAsync(IPage page, Func<Task> load)
{
    var responses = new List<IResponse>();
    page.Response += (_, response) => responses.Add(response);
    await load();
    var measured = new List<(string, string, long)>();
    foreach (var response in responses.ToList())
    {
        var sizes = await response.Request.SizesAsync();
        measured.Add((KindOf(response), response.Url, sizes.ResponseBodySize + sizes.ResponseHeadersSize));
    }

    return measured;
}

static string KindOf(IResponse response)
{
    var type = response.Headers.GetValueOrDefault("content-type", "");
    return type.Contains("html", StringComparison.Ordinal) ? "HTML"
        : type.Contains("css", StringComparison.Ordinal) ? "CSS"
        : type.Contains("javascript", StringComparison.Ordinal) ? "JS"
        : "other";
}

static void Print(string name, List<(string Kind, string Url, long Bytes)> measured)
{
    Console.WriteLine($"{name}: {measured.Count} responses, {measured.Sum(m => m.Bytes) / 1024.0:F1} KiB transferred (headers + compressed bodies)");
    foreach (var kind in new[] { "HTML", "CSS", "JS", "other" })
    {
        var ofKind = measured.Where(m => m.Kind == kind).ToList();
        Console.WriteLine($"  {kind,-5} {ofKind.Count,3} files {ofKind.Sum(m => m.Bytes) / 1024.0,8:F1} KiB");
    }

    foreach (var (kind, url, bytes) in measured.OrderByDescending(m => m.Bytes).Take(6))
    {
        Console.WriteLine($"    {bytes / 1024.0,7:F1} KiB  {kind,-5} {new Uri(url).AbsolutePath}");
    }
}
