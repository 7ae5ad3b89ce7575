using Polly.Timeout;
using SnConnectPortal.ServiceNow.Errors;
using SnConnectPortal.ServiceNow.Resilience;

namespace SnConnectPortal.ServiceNow.Tests.Resilience;

public class RetryClassifierTests
{
    private static readonly ServiceNowRetryLimits Limits = new() { MaxRetryAfter = TimeSpan.FromSeconds(60) };

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(413)]
    public void ForStatus_ClientErrors_NeverRetry(int status)
    {
        var decision = RetryClassifier.ForStatus(HttpMethod.Get, status, null, Limits);

        Assert.False(decision.Retry);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public void ForStatus_ServerErrorsOnGet_BackOff(int status)
    {
        var decision = RetryClassifier.ForStatus(HttpMethod.Get, status, null, Limits);

        Assert.True(decision.Retry);
        Assert.Null(decision.Delay);
    }

    [Theory]
    [InlineData(500, false)]
    [InlineData(502, false)]
    [InlineData(504, false)]
    [InlineData(503, true)]
    public void ForStatus_ServerErrorsOnPost_RetryOnlyWhenNotProcessed(int status, bool retried)
    {
        var decision = RetryClassifier.ForStatus(HttpMethod.Post, status, null, Limits);

        Assert.Equal(retried, decision.Retry);
    }

    [Fact]
    public void ForStatus_429WithRetryAfterUnderCap_WaitsExactlyRetryAfter()
    {
        var decision = RetryClassifier.ForStatus(HttpMethod.Post, 429, TimeSpan.FromSeconds(7), Limits);

        Assert.True(decision.Retry);
        Assert.Equal(TimeSpan.FromSeconds(7), decision.Delay);
    }

    [Fact]
    public void ForStatus_429WithRetryAfterOverCap_HandsBackToCaller()
    {
        var decision = RetryClassifier.ForStatus(HttpMethod.Get, 429, TimeSpan.FromMinutes(30), Limits);

        Assert.False(decision.Retry);
    }

    [Fact]
    public void ForStatus_429WithoutRetryAfter_BacksOff()
    {
        var decision = RetryClassifier.ForStatus(HttpMethod.Get, 429, null, Limits);

        Assert.True(decision.Retry);
        Assert.Null(decision.Delay);
    }

    [Fact]
    public void ForException_PerCallTimeout_RetriesGetButNotPost()
    {
        var timeout = new TimeoutRejectedException();

        Assert.True(RetryClassifier.ForException(HttpMethod.Get, timeout).Retry);
        Assert.True(RetryClassifier.ForException(HttpMethod.Patch, timeout).Retry);
        Assert.False(RetryClassifier.ForException(HttpMethod.Post, timeout).Retry);
    }

    [Fact]
    public void ForException_ConnectionNeverEstablished_RetriesEvenPost()
    {
        var refused = new HttpRequestException(HttpRequestError.ConnectionError, "refused");

        Assert.True(RetryClassifier.ForException(HttpMethod.Post, refused).Retry);
    }

    [Fact]
    public void ForException_DroppedMidResponse_RetriesGetOnly()
    {
        var dropped = new HttpRequestException(HttpRequestError.ResponseEnded, "ended");

        Assert.True(RetryClassifier.ForException(HttpMethod.Get, dropped).Retry);
        Assert.False(RetryClassifier.ForException(HttpMethod.Post, dropped).Retry);
    }

    [Theory]
    [InlineData(HttpRequestError.NameResolutionError)]
    [InlineData(HttpRequestError.SecureConnectionError)]
    public void ForException_DnsAndTls_NeverRetry(HttpRequestError error)
    {
        var decision = RetryClassifier.ForException(HttpMethod.Get, new HttpRequestException(error, "x"));

        Assert.False(decision.Retry);
    }

    [Fact]
    public void ForException_TokenEndpointRefusal_NeverRetries()
    {
        var refused = new ServiceNowException(new ServiceNowError(ServiceNowErrorKind.Unauthorized, 401, "server_error", "access_denied", "x"));

        Assert.False(RetryClassifier.ForException(HttpMethod.Get, refused).Retry);
    }
}
