namespace SnConnectPortal.Sandbox.BusinessRules;

/// <summary>What the REST message calls returned, for <c>GET /sandbox/rest-message/deliveries</c>.</summary>
internal sealed class DeliveryLog
{
    private readonly Lock _sync = new();
    private readonly List<Delivery> _deliveries = [];

    public sealed record Delivery(string Table, string SysId, string Event, int Status, int Attempts, string ResponseBody, DateTimeOffset At);

    public void Add(Delivery delivery)
    {
        lock (_sync)
        {
            _deliveries.Add(delivery);
        }
    }

    public IReadOnlyList<Delivery> All()
    {
        lock (_sync)
        {
            return [.. _deliveries];
        }
    }

    public void Clear()
    {
        lock (_sync)
        {
            _deliveries.Clear();
        }
    }
}
