using Microsoft.Extensions.Options;

namespace SnConnectPortal.Web.Operations.Telemetry;

/// <summary>Section <c>OpenTelemetry</c>: where the portal exports its metrics, traces and logs by OTLP; off without an endpoint.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "OpenTelemetry";

    /// <summary>The collector's base address, e.g. <c>http://127.0.0.1:4318</c> (HTTP) or <c>http://127.0.0.1:4317</c> (gRPC).</summary>
    public string? Endpoint { get; set; }

    /// <summary><c>HttpProtobuf</c> (the signal paths <c>/v1/metrics</c>, <c>/v1/traces</c>, <c>/v1/logs</c> are added) or <c>Grpc</c>.</summary>
    public string Protocol { get; set; } = "HttpProtobuf";

    /// <summary>How often metrics are exported.</summary>
    public int MetricExportIntervalSeconds { get; set; } = 60;

    /// <summary>The endpoint when it is set and valid; null when telemetry is off.</summary>
    public Uri? EndpointUri =>
        Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null;
}

internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        List<string> errors = [];
        if (!string.IsNullOrEmpty(options.Endpoint) && options.EndpointUri is null)
        {
            errors.Add($"OpenTelemetry:Endpoint must be an absolute http or https address (was '{options.Endpoint}').");
        }

        if (options.Protocol is not ("HttpProtobuf" or "Grpc"))
        {
            errors.Add($"OpenTelemetry:Protocol must be HttpProtobuf or Grpc (was '{options.Protocol}').");
        }

        if (options.MetricExportIntervalSeconds is < 1 or > 3600)
        {
            errors.Add($"OpenTelemetry:MetricExportIntervalSeconds must be between 1 and 3600 (was {options.MetricExportIntervalSeconds}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
