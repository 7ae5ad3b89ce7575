using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;
using Polly.Timeout;
using SnConnectPortal.ServiceNow.Network;

namespace SnConnectPortal.ServiceNow.Errors;

/// <summary>Turns a failed HTTP answer or a transport exception into a <see cref="ServiceNowError"/>.</summary>
internal static class ServiceNowErrorMapper
{
    public static ServiceNowErrorKind KindOf(int status, ServiceNowErrorBody body) => status switch
    {
        400 when body.Message?.StartsWith("Invalid table", StringComparison.OrdinalIgnoreCase) == true => ServiceNowErrorKind.InvalidTable,
        400 or 405 or 406 or 415 => ServiceNowErrorKind.BadRequest,
        401 => ServiceNowErrorKind.Unauthorized,
        403 => ServiceNowErrorKind.Forbidden,
        404 => ServiceNowErrorKind.NotFound,
        408 => ServiceNowErrorKind.Timeout,
        413 => ServiceNowErrorKind.PayloadTooLarge,
        429 => ServiceNowErrorKind.RateLimited,
        >= 500 and <= 599 => ServiceNowErrorKind.ServerError,
        >= 200 and <= 299 => ServiceNowErrorKind.InvalidResponse,
        _ => ServiceNowErrorKind.Unexpected,
    };

    public static ServiceNowError FromResponse(int status, string? body, TimeSpan? retryAfter, ServiceNowCallContext context)
    {
        var parsed = ServiceNowErrorBody.Parse(body);
        var kind = KindOf(status, parsed);
        return new ServiceNowError(kind, status, parsed.Message, parsed.Detail, ServiceNowRemedies.For(kind, context, parsed))
        {
            RetryAfter = kind == ServiceNowErrorKind.RateLimited ? retryAfter : null,
            Request = context.Request,
        };
    }

    /// <summary>A 2xx answer whose body is not the JSON the API documents.</summary>
    public static ServiceNowError InvalidResponse(int status, string problem, ServiceNowCallContext context) =>
        new(ServiceNowErrorKind.InvalidResponse, status, problem, null,
            ServiceNowRemedies.For(ServiceNowErrorKind.InvalidResponse, context, new ServiceNowErrorBody(null, null)))
        {
            Request = context.Request,
        };

    public static ServiceNowError FromException(Exception exception, ServiceNowCallContext context)
    {
        var kind = KindOf(exception);
        return new ServiceNowError(kind, null, null, Describe(exception),
            ServiceNowRemedies.For(kind, context, new ServiceNowErrorBody(null, null)))
        {
            Request = context.Request,
        };
    }

    public static ServiceNowErrorKind KindOf(Exception exception) => exception switch
    {
        TimeoutRejectedException => ServiceNowErrorKind.Timeout,
        HttpRequestException { InnerException: BlockedDestinationException } => ServiceNowErrorKind.BlockedDestination,
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => ServiceNowErrorKind.Dns,
        HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } => ServiceNowErrorKind.Tls,
        HttpRequestException { InnerException: AuthenticationException } => ServiceNowErrorKind.Tls,
        HttpRequestException { HttpRequestError: HttpRequestError.InvalidResponse } => ServiceNowErrorKind.InvalidResponse,
        HttpRequestException => ServiceNowErrorKind.Connection,
        IOException => ServiceNowErrorKind.Connection,
        _ => ServiceNowErrorKind.Unexpected,
    };

    /// <summary>Retry-After as delta-seconds or an HTTP date, relative to <paramref name="now"/>.</summary>
    public static TimeSpan? RetryAfterOf(HttpResponseHeaders headers, DateTimeOffset now) => headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };

    public static bool IsSuccess(HttpStatusCode status) => (int)status is >= 200 and <= 299;

    private static string Describe(Exception exception)
    {
        var innermost = exception;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        return ReferenceEquals(innermost, exception) ? exception.Message : $"{exception.Message} {innermost.Message}";
    }
}
