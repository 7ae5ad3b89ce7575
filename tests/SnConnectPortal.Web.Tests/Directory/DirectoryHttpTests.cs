using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using SnConnectPortal.Web.Security;
using SnConnectPortal.Web.Tests.Infrastructure;
using SnConnectPortal.Web.Features.UserDirectory;

namespace SnConnectPortal.Web.Tests.UserDirectory;

/// <summary>The directory's page and endpoints over HTTP: who may call them, and what hostile input gets.</summary>
public sealed class DirectoryHttpTests
{
    private const string Password = "correct-horse-battery";

    private static async Task<HttpClient> SignedInAsync(DirectoryTestHost host, string email, string role)
    {
        await host.CreateUserAsync(email, Password, role);
        var client = host.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
            BaseAddress = new Uri("https://localhost"),
        });
        var signIn = await FormPost.SignInAsync(client, email, Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }

    private static MultipartFormDataContent CsvForm(string csv, string token)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "users.csv");
        form.Add(new StringContent(token), "__RequestVerificationToken");
        return form;
    }

    [Fact]
    public async Task Anonymous_PageExportAndImport_AreRefused()
    {
        await using var host = await DirectoryTestHost.StartAsync(null);
        await host.CreateUserAsync("admin@example.com", Password, PortalRoles.Admin);
        using var client = host.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var page = await client.GetAsync("/directory");
        var export = await client.GetAsync(DirectoryEndpoints.ExportUrl(host.ConnectionId, MappingFilter.All));
        var import = await client.PostAsync(DirectoryEndpoints.ImportPath, CsvForm("display_name,email\nA,a@example.com\n", "x"));

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/account/login", page.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, export.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, import.StatusCode);
    }

    [Fact]
    public async Task Viewer_ReadsPageAndExport_ButCannotImport()
    {
        await using var host = await DirectoryTestHost.StartAsync(null);
        using var client = await SignedInAsync(host, "vera@example.com", PortalRoles.Viewer);
        var token = await FormPost.AntiforgeryTokenFromAsync(client, "/directory");

        var page = await client.GetAsync("/directory");
        var export = await client.GetAsync(DirectoryEndpoints.ExportUrl(host.ConnectionId, MappingFilter.All));
        var import = await client.PostAsync(DirectoryEndpoints.ImportPath, CsvForm("display_name,email\nA,a@example.com\n", token));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("User directory", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, import.StatusCode);
        Assert.StartsWith("/account/access-denied", Redirects.PathOf(import), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operator_ImportsCsv_GetsPerRowErrors_AndTheExportEscapesFormulas()
    {
        await using var host = await DirectoryTestHost.StartAsync(null);
        using var client = await SignedInAsync(host, "otto@example.com", PortalRoles.Operator);
        var token = await FormPost.AntiforgeryTokenFromAsync(client, "/directory");
        const string csv = "external_id,display_name,email\nh1,=cmd|' /C calc'!A0,eve@example.com\nh2,,bad\n";

        var import = await client.PostAsync(DirectoryEndpoints.ImportPath, CsvForm(csv, token));
        var body = await import.Content.ReadAsStringAsync();
        var export = await client.GetStringAsync(DirectoryEndpoints.ExportUrl(host.ConnectionId, MappingFilter.All));

        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        Assert.Contains("\"added\":1", body, StringComparison.Ordinal);
        Assert.Contains("\"line\":3", body, StringComparison.Ordinal);
        Assert.Contains("'=cmd", export, StringComparison.Ordinal);
        Assert.DoesNotContain("\n=cmd", export.Replace("h1,", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operator_HostileRequests_AreRejectedWithClearStatuses()
    {
        await using var host = await DirectoryTestHost.StartAsync(null, new Dictionary<string, string?> { ["Directory:MaxCsvBytes"] = "1000" });
        using var client = await SignedInAsync(host, "otto@example.com", PortalRoles.Operator);
        var token = await FormPost.AntiforgeryTokenFromAsync(client, "/directory");

        var noToken = await client.PostAsync(DirectoryEndpoints.ImportPath, CsvForm("display_name,email\nA,a@example.com\n", "forged"));
        var notAForm = await client.PostAsync(DirectoryEndpoints.ImportPath, new StringContent("display_name,email\n", Encoding.UTF8, "text/csv"));
        var oversized = await client.PostAsync(DirectoryEndpoints.ImportPath, CsvForm("display_name,email\n" + new string('x', 200_000), token));
        var badFilter = await client.GetAsync($"{DirectoryEndpoints.ExportPath}?connection={host.ConnectionId}&filter=<script>");
        var noFile = await client.PostAsync(DirectoryEndpoints.ImportPath, new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } });

        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notAForm.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversized.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badFilter.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);
    }
}
