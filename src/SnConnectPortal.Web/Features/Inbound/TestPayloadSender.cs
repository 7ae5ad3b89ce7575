using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using SnConnectPortal.Web.Security;

namespace SnConnectPortal.Web.Features.Inbound;

/// <summary>What the test-payload button saw.</summary>
public sealed record TestPayloadResult(int? StatusCode, string? ResponseId, string Summary, bool Succeeded);

/// <summary>
/// The test-payload button (Operator+): posts a fixed payload to this connection's own receiver URL over HTTP, with its
/// Basic credentials, exactly as ServiceNow's test REST message would, and reports the answer. The receiver's address
/// comes from <see cref="TestPayloadTarget"/> (server configuration), never from the browser.
/// </summary>
public sealed class TestPayloadSender(
    IHttpClientFactory httpClientFactory,
    InboundEndpointAdministration endpoints,
    TestPayloadTarget target,
    TimeProvider timeProvider)
{
    public const string HttpClientName = "inbound-test-payload";

    public async Task<TestPayloadResult> SendAsync(ClaimsPrincipal actor, long connectionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsInRole(PortalRoles.Admin) && !actor.IsInRole(PortalRoles.Operator))
        {
            return new TestPayloadResult(null, null, "Only an Operator or Admin can send a test payload.", false);
        }

        if (await endpoints.GetTestCredentialsAsync(connectionId, cancellationToken) is not { } credentials)
        {
            return new TestPayloadResult(null, null, "The receiver has no password yet: an Admin generates one first.", false);
        }

        if (target.BaseAddress() is not { } receiverUrlBase)
        {
            return new TestPayloadResult(null, null, "The portal does not know its own address: an administrator sets Inbound:PublicBaseUrl.", false);
        }

        var url = new Uri(receiverUrlBase, "api/inbound/" + credentials.Key);
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(BuildPayload(actor.Identity?.Name ?? "unknown"), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credentials.User}:{credentials.Password}")));
        request.Headers.UserAgent.ParseAdd("SnConnectPortal-TestPayload/1.0");

        try
        {
            using var response = await httpClientFactory.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var status = (int)response.StatusCode;
            if (status == StatusCodes.Status202Accepted && ReadProperty(body, "responseId") is { } responseId)
            {
                return new TestPayloadResult(status, responseId, $"202 Accepted · response id {responseId}", true);
            }

            var error = ReadProperty(body, "error") ?? response.ReasonPhrase ?? "";
            return new TestPayloadResult(status, null, $"{status} {response.ReasonPhrase} · {error}".TrimEnd(' ', '·'), false);
        }
        catch (HttpRequestException e)
        {
            return new TestPayloadResult(null, null, $"The receiver at {url.GetLeftPart(UriPartial.Authority)} could not be reached: {e.Message}", false);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new TestPayloadResult(null, null, "The receiver did not answer in time.", false);
        }
    }

    private string BuildPayload(string sentBy)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["table"] = "incident",
            ["sys_id"] = "00000000000000000000000000000000",
            ["event"] = "test",
            ["record"] = new Dictionary<string, string>
            {
                ["number"] = "TEST0000001",
                ["short_description"] = "SnConnectPortal test payload",
                ["correlation_id"] = "",
                ["sys_updated_on"] = now,
                ["sys_updated_by"] = sentBy,
            },
        });
    }

    private static string? ReadProperty(string body, string name)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty(name, out var value)
                && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
