using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using SnConnectPortal.ServiceNow.Errors;

namespace SnConnectPortal.ServiceNow.Resilience;

/// <summary>
/// The one place resilience is configured: an overall deadline around retries around a per-call timeout.
/// </summary>
internal static class ServiceNowResiliencePipeline
{
    public static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new("SnConnectPortal.ServiceNow.Request");

    public static ResiliencePipeline<HttpResponseMessage> Create(ServiceNowConnectionSettings settings, TimeProvider timeProvider, ILogger logger)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider }
            .AddTimeout(new TimeoutStrategyOptions { Timeout = settings.OverallDeadline });

        if (settings.Retry.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = settings.Retry.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.Retry.BaseDelay,
                MaxDelay = settings.Retry.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(Decide(args.Outcome, args.Context, settings, timeProvider).Retry),
                DelayGenerator = args => ValueTask.FromResult(Decide(args.Outcome, args.Context, settings, timeProvider).Delay),
                OnRetry = args =>
                {
                    var request = args.Context.Properties.GetValue(RequestKey, null!);
                    logger.LogWarning(
                        "ServiceNow {Method} {Path} on {Connection} failed ({Reason}); retry {Attempt} of {MaxAttempts} in {DelayMs} ms",
                        request?.Method, request?.RequestUri?.AbsolutePath, settings.ConnectionIdentity,
                        Decide(args.Outcome, args.Context, settings, timeProvider).Reason, args.AttemptNumber + 1,
                        settings.Retry.MaxRetryAttempts, (long)args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            });
        }

        return builder.AddTimeout(new TimeoutStrategyOptions { Timeout = settings.PerCallTimeout }).Build();
    }

    private static RetryDecision Decide(Outcome<HttpResponseMessage> outcome, ResilienceContext context, ServiceNowConnectionSettings settings, TimeProvider timeProvider)
    {
        var method = context.Properties.GetValue(RequestKey, null!)?.Method ?? HttpMethod.Get;
        if (outcome.Exception is { } exception)
        {
            return exception is OperationCanceledException
                ? RetryDecision.No("cancelled")
                : RetryClassifier.ForException(method, exception);
        }

        var response = outcome.Result!;
        if (ServiceNowErrorMapper.IsSuccess(response.StatusCode))
        {
            return RetryDecision.No("success");
        }

        var retryAfter = ServiceNowErrorMapper.RetryAfterOf(response.Headers, timeProvider.GetUtcNow());
        return RetryClassifier.ForStatus(method, (int)response.StatusCode, retryAfter, settings.Retry);
    }
}
