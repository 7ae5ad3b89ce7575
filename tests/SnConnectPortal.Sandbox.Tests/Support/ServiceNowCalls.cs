using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SnConnectPortal.Testing;

namespace SnConnectPortal.Sandbox.Tests.Support;

/// <summary>Raw HTTP calls against the sandbox, as a ServiceNow client would make them.</summary>
internal static class ServiceNowCalls
{
    public const string AdminUser = "admin";
    public const string AdminPassword = "admin";
    public const string IntegrationUser = "snc.integration";
    public const string IntegrationPassword = "snc-integration-pw";
    public const string ReadonlyUser = "snc.readonly";
    public const string ReadonlyPassword = "snc-readonly-pw";
    public const string AdminSysId = "6816f79cc0a8016401c5a33be04be441";

    /// <summary>A client with Basic credentials and <c>Accept: application/json</c>.</summary>
    public static HttpClient Client(SandboxProcess sandbox, string user = AdminUser, string password = AdminPassword)
    {
        var client = new HttpClient { BaseAddress = sandbox.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = Basic(user, password);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>A header exactly as it came over the wire (not re-formatted by HttpClient), or "".</summary>
    public static string Header(this HttpResponseMessage response, string name) =>
        response.Headers.NonValidated.TryGetValues(name, out var values) ? string.Join(",", values)
        : response.Content.Headers.NonValidated.TryGetValues(name, out var contentValues) ? string.Join(",", contentValues)
        : "";

    /// <summary>Creates a record through the Table API and returns it.</summary>
    public static async Task<JsonElement> CreateAsync(HttpClient client, string table, string json)
    {
        using var response = await client.PostAsync(new Uri($"api/now/table/{table}", UriKind.Relative), Json(json));
        var body = await response.ReadJsonAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST {table} answered {(int)response.StatusCode}: {body}");
        return body.GetProperty("result");
    }

    public static Uri Relative(string path) => new(path, UriKind.Relative);
}
