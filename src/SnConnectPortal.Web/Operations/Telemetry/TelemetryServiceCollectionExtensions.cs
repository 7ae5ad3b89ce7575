using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using SnConnectPortal.Web.Operations.Telemetry;

namespace Microsoft.Extensions.DependencyInjection;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// The portal's metrics, always recorded (<see cref="PortalMetrics"/>); and when <c>OpenTelemetry:Endpoint</c> is set,
    /// metrics, traces and logs exported by OTLP: the portal's own, ASP.NET Core's requests and HttpClient's calls
    /// (every call to ServiceNow, with its status), logs carrying the trace id of the work they belong to.
    /// </summary>
    public static IHostApplicationBuilder AddPortalTelemetry(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();
        services.AddSingleton<OutboundBacklog>();
        services.AddSingleton<PortalMetrics>();

        // Read here, not from IOptions: whether to export decides what is registered. A bad value is refused at start by the validator.
        var settings = builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (settings.EndpointUri is not { } endpoint || settings.Protocol is not ("HttpProtobuf" or "Grpc"))
        {
            return builder;
        }

        var grpc = settings.Protocol == "Grpc";
        void Export(OtlpExporterOptions exporter, string signalPath)
        {
            exporter.Protocol = grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
            exporter.Endpoint = grpc ? endpoint : new Uri(endpoint, endpoint.AbsolutePath.TrimEnd('/') + signalPath);
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(PortalTelemetry.Name, serviceVersion: typeof(Program).Assembly.GetName().Version?.ToString()))
            .WithMetrics(metrics => metrics
                .AddMeter(PortalTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter((exporter, reader) =>
                {
                    Export(exporter, "/v1/metrics");
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = settings.MetricExportIntervalSeconds * 1000;
                }))
            .WithTracing(tracing => tracing
                .AddSource(PortalTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(exporter => Export(exporter, "/v1/traces")))
            .WithLogging(logging => logging.AddOtlpExporter(exporter => Export(exporter, "/v1/logs")));
        return builder;
    }
}
