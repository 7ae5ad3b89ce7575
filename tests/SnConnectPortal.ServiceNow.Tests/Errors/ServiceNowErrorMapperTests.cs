using System.Net.Http.Headers;
using System.Security.Authentication;
using Polly.Timeout;
using SnConnectPortal.ServiceNow.Errors;

namespace SnConnectPortal.ServiceNow.Tests.Errors;

public class ServiceNowErrorMapperTests
{
    private static readonly ServiceNowCallContext GetIncident =
        new(ServiceNowAuthMode.Basic, "snc.integration", "GET", "/api/now/table/incident", "incident");

    [Theory]
    [InlineData(401, """{"error":{"message":"User Not Authenticated","detail":"Required to provide Auth information"},"status":"failure"}""", ServiceNowErrorKind.Unauthorized)]
    [InlineData(403, """{"error":{"message":"Operation Failed","detail":"ACL Exception Insert Failed due to security constraints"},"status":"failure"}""", ServiceNowErrorKind.Forbidden)]
    [InlineData(404, """{"error":{"message":"No Record found","detail":"Record doesn't exist or ACL restricts the record retrieval"},"status":"failure"}""", ServiceNowErrorKind.NotFound)]
    [InlineData(400, """{"error":{"message":"Invalid table u_nope","detail":null},"status":"failure"}""", ServiceNowErrorKind.InvalidTable)]
    [InlineData(400, """{"error":{"message":"Missing field","detail":null},"status":"failure"}""", ServiceNowErrorKind.BadRequest)]
    [InlineData(413, """{"error":{"message":"Exception while reading request","detail":"Rejected large REST payload with content-length = 20000000 bytes. Max allowed: 10485760 bytes."},"status":"failure"}""", ServiceNowErrorKind.PayloadTooLarge)]
    [InlineData(429, """{"error":{"message":"Rate limit exceeded","detail":"Rate limit of 100 requests per hour for Table API exceeded"},"status":"failure"}""", ServiceNowErrorKind.RateLimited)]
    [InlineData(503, "<html>Service Unavailable</html>", ServiceNowErrorKind.ServerError)]
    [InlineData(500, "", ServiceNowErrorKind.ServerError)]
    [InlineData(418, "", ServiceNowErrorKind.Unexpected)]
    public void FromResponse_Status_MapsToKind(int status, string body, ServiceNowErrorKind expected)
    {
        var error = ServiceNowErrorMapper.FromResponse(status, body, null, GetIncident);

        Assert.Equal(expected, error.Kind);
        Assert.Equal(status, error.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(error.Remedy));
    }

    [Fact]
    public void FromResponse_ServiceNowEnvelope_KeepsMessageAndDetail()
    {
        var body = """{"error":{"message":"No Record found","detail":"Record doesn't exist or ACL restricts the record retrieval"},"status":"failure"}""";

        var error = ServiceNowErrorMapper.FromResponse(404, body, null, GetIncident);

        Assert.Equal("No Record found", error.Message);
        Assert.Equal("Record doesn't exist or ACL restricts the record retrieval", error.Detail);
        Assert.Contains("ACL", error.Remedy, StringComparison.Ordinal);
        Assert.Contains("incident", error.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    public void FromResponse_OAuthErrorBody_KeepsErrorAndDescription()
    {
        var context = GetIncident with { AuthMode = ServiceNowAuthMode.OAuthPassword };

        var error = ServiceNowErrorMapper.FromResponse(401, """{"error_description":"access_denied","error":"server_error"}""", null, context);

        Assert.Equal(ServiceNowErrorKind.Unauthorized, error.Kind);
        Assert.Equal("server_error", error.Message);
        Assert.Equal("access_denied", error.Detail);
        Assert.Contains("Application Registry", error.Remedy, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ServiceNowAuthMode.Basic, "Locked out")]
    [InlineData(ServiceNowAuthMode.OAuthPassword, "glide.oauth.inbound.ropc.grant_type.disabled")]
    [InlineData(ServiceNowAuthMode.OAuthRefreshToken, "Refresh Token Lifespan")]
    [InlineData(ServiceNowAuthMode.OAuthClientCredentials, "glide.oauth.inbound.client.credential.grant_type.enabled")]
    public void FromResponse_401_RemedyFitsTheAuthMode(ServiceNowAuthMode mode, string mentioned)
    {
        var error = ServiceNowErrorMapper.FromResponse(401, null, null, GetIncident with { AuthMode = mode });

        Assert.Contains(mentioned, error.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    public void FromResponse_403_RemedyNamesRolesAndAcls()
    {
        var error = ServiceNowErrorMapper.FromResponse(403, null, null, GetIncident);

        Assert.Contains("itil", error.Remedy, StringComparison.Ordinal);
        Assert.Contains("import_transformer", error.Remedy, StringComparison.Ordinal);
        Assert.Contains("Access Control", error.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    public void FromResponse_429_KeepsRetryAfter()
    {
        var error = ServiceNowErrorMapper.FromResponse(429, null, TimeSpan.FromSeconds(42), GetIncident);

        Assert.Equal(TimeSpan.FromSeconds(42), error.RetryAfter);
        Assert.Contains("sys_rate_limit_rules", error.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_IncludesStatusRequestServiceNowTextAndRemedy()
    {
        var error = ServiceNowErrorMapper.FromResponse(
            404, """{"error":{"message":"No Record found","detail":"gone"},"status":"failure"}""", null, GetIncident);

        var text = error.Describe();

        Assert.StartsWith("ServiceNow NotFound HTTP 404 on GET /api/now/table/incident: No Record found (gone).", text, StringComparison.Ordinal);
        Assert.EndsWith(error.Remedy, text, StringComparison.Ordinal);
    }

    public static TheoryData<Exception, ServiceNowErrorKind> TransportFailures => new()
    {
        { new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known"), ServiceNowErrorKind.Dns },
        { new HttpRequestException(HttpRequestError.SecureConnectionError, "The SSL connection could not be established"), ServiceNowErrorKind.Tls },
        { new HttpRequestException("ssl", new AuthenticationException("remote certificate is invalid")), ServiceNowErrorKind.Tls },
        { new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"), ServiceNowErrorKind.Connection },
        { new HttpRequestException(HttpRequestError.ResponseEnded, "ended"), ServiceNowErrorKind.Connection },
        { new IOException("reset"), ServiceNowErrorKind.Connection },
        { new TimeoutRejectedException(TimeSpan.FromSeconds(3)), ServiceNowErrorKind.Timeout },
    };

    [Theory]
    [MemberData(nameof(TransportFailures))]
    public void FromException_TransportFailure_MapsToKindWithRemedy(Exception exception, ServiceNowErrorKind expected)
    {
        var error = ServiceNowErrorMapper.FromException(exception, GetIncident with { Timeout = TimeSpan.FromSeconds(3) });

        Assert.Equal(expected, error.Kind);
        Assert.Null(error.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(error.Remedy));
    }

    [Fact]
    public void FromException_Timeout_RemedySaysTheBound()
    {
        var error = ServiceNowErrorMapper.FromException(new TimeoutRejectedException(), GetIncident with { Timeout = TimeSpan.FromSeconds(3) });

        Assert.Contains("3 seconds", error.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    public void RetryAfterOf_HttpDate_IsTimeUntilThatDate()
    {
        using var response = new HttpResponseMessage();
        var now = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(now.AddSeconds(30));

        var wait = ServiceNowErrorMapper.RetryAfterOf(response.Headers, now);

        Assert.Equal(TimeSpan.FromSeconds(30), wait);
    }

    [Fact]
    public void RetryAfterOf_DeltaSeconds_IsThatDelta()
    {
        using var response = new HttpResponseMessage();
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(5));

        var wait = ServiceNowErrorMapper.RetryAfterOf(response.Headers, DateTimeOffset.UnixEpoch);

        Assert.Equal(TimeSpan.FromSeconds(5), wait);
    }
}
