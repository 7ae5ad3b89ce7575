using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using SnConnectPortal.Web.Security;

namespace SnConnectPortal.Web.Features.Inbound;

/// <summary>What the receiver answered the test payload: its HTTP status, the response id if it stored the payload, and both in one line.</summary>
public sealed record TestPayloadAnswer(int StatusCode, string? ResponseId, string Summary)
{
    /// <summary>The receiver stored the payload (202 with a response id).</summary>
    public bool Accepted => ResponseId is not null;
}

/// <summary>
/// The test-payload button (Operator+): posts a fixed payload to this connection's own receiver URL over HTTP, with its
/// Basic credentials, exactly as ServiceNow's test REST message would, and returns the answer; it fails when it may not
/// send or gets no answer. The receiver's address comes from <see cref="TestPayloadTarget"/> (server configuration),
/// never from the browser.
/// </summary>
public sealed class TestPayloadSender(
    IHttpClientFactory httpClientFactory,
    InboundEndpointAdministration endpoints,
    TestPayloadTarget target,
    TimeProvider timeProvider)
{
    public const string HttpClientName = "inbound-test-payload";

    public async Task<ServiceResult<TestPayloadAnswer>> SendAsync(ClaimsPrincipal actor, long connectionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsInRole(PortalRoles.Admin) && !actor.IsInRole(PortalRoles.Operator))
        {
            return ServiceResult<TestPayloadAnswer>.Forbidden("Only an Operator or Admin can send a test payload.");
        }

        if (await endpoints.GetTestCredentialsAsync(connectionId, cancellationToken) is not { } credentials)
        {
            return ServiceResult<TestPayloadAnswer>.Conflict("The receiver has no password yet: an Admin generates one first.");
        }

        if (target.BaseAddress() is not { } receiverUrlBase)
        {
            return ServiceResult<TestPayloadAnswer>.Fail("The portal does not know its own address: an administrator sets Inbound:PublicBaseUrl.");
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
                return ServiceResult<TestPayloadAnswer>.Ok(new(status, responseId, $"202 Accepted · response id {responseId}"));
            }

            var error = ReadProperty(body, "error") ?? response.ReasonPhrase ?? "";
            return ServiceResult<TestPayloadAnswer>.Ok(new(status, null, $"{status} {response.ReasonPhrase} · {error}".TrimEnd(' ', '·')));
        }
        catch (HttpRequestException e)
        {
            return ServiceResult<TestPayloadAnswer>.Fail($"The receiver at {url.GetLeftPart(UriPartial.Authority)} could not be reached: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ServiceResult<TestPayloadAnswer>.Fail("The receiver did not answer in time.");
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
