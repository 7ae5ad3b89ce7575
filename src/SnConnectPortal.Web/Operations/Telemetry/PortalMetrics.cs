using System.Diagnostics;
using System.Diagnostics.Metrics;
using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Operations.Telemetry;

/// <summary>
/// The portal's own metrics, on the meter <see cref="PortalTelemetry.Name"/> (README, "Telemetry", lists each with its
/// unit). Recording costs next to nothing when no exporter listens.
/// </summary>
public sealed class PortalMetrics
{
    private readonly Counter<long> _inboundStored;
    private readonly Counter<long> _deliveryAttempts;
    private readonly Histogram<double> _attemptDuration;
    private readonly Histogram<double> _deliveryLatency;
    private readonly Counter<long> _usersImported;
    private readonly Counter<long> _systemsChecks;

    public PortalMetrics(IMeterFactory meterFactory, OutboundBacklog backlog)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(backlog);
        var meter = meterFactory.Create(PortalTelemetry.Name);
        _inboundStored = meter.CreateCounter<long>("sncp.inbound.messages", "{message}", "Inbound messages stored and acknowledged with 202.");
        _deliveryAttempts = meter.CreateCounter<long>("sncp.outbound.attempts", "{attempt}", "Delivery attempts to ServiceNow, by outcome.");
        _attemptDuration = meter.CreateHistogram<double>("sncp.outbound.attempt.duration", "s", "How long one delivery attempt took, ServiceNow's calls included.");
        _deliveryLatency = meter.CreateHistogram<double>("sncp.outbound.delivery.latency", "s", "From an outbound message's queuing to its delivery.");
        _usersImported = meter.CreateCounter<long>("sncp.import.users", "{user}", "ServiceNow users read by user imports.");
        _systemsChecks = meter.CreateCounter<long>("sncp.systemscheck.runs", "{run}", "Systems Check runs, by result.");
        meter.CreateObservableGauge("sncp.outbound.backlog", () => backlog.Read() is { } reading ? [new Measurement<int>(reading.Count)] : Array.Empty<Measurement<int>>(),
            "{message}", "Outbound messages waiting: queued, retrying or being sent.");
        meter.CreateObservableGauge("sncp.outbound.backlog.age", () => backlog.Read() is { } reading ? [new Measurement<double>(reading.OldestAgeSeconds)] : Array.Empty<Measurement<double>>(),
            "s", "Age of the oldest waiting outbound message.");
    }

    public void InboundStored(long connectionId, int count) => _inboundStored.Add(count, Connection(connectionId));

    public void DeliveryAttempted(long connectionId, AttemptOutcome outcome, TimeSpan duration)
    {
        var tags = new TagList { Connection(connectionId), { "sncp.outcome", outcome.ToString() } };
        _deliveryAttempts.Add(1, tags);
        _attemptDuration.Record(duration.TotalSeconds, tags);
    }

    public void Delivered(long connectionId, TimeSpan sinceQueued) => _deliveryLatency.Record(sinceQueued.TotalSeconds, Connection(connectionId));

    public void UsersImported(long connectionId, int count) => _usersImported.Add(count, Connection(connectionId));

    public void SystemsCheckRan(long connectionId, string result) => _systemsChecks.Add(1, Connection(connectionId), new("sncp.result", result));

    private static KeyValuePair<string, object?> Connection(long connectionId) => new(PortalTelemetry.ConnectionTag, connectionId);
}
