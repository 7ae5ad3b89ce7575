namespace SnConnectPortal.Sandbox.Faults;

/// <summary>
/// Body of <c>POST /sandbox/faults</c>: which requests (path prefix, method) get which fault, how many times
/// (<c>count</c> null = every time) and with what probability. <c>afterProcessing</c>: the request is carried out
/// first and the fault applies to its answer.
/// </summary>
internal sealed record FaultRule(
    string? PathPrefix,
    string? Method,
    int? Status,
    int? RetryAfterSeconds,
    int LatencyMs,
    bool Hang,
    bool Drop,
    int? Count,
    double? Probability,
    bool AfterProcessing = false);
