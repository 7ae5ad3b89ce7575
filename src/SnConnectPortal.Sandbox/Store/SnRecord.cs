namespace SnConnectPortal.Sandbox.Store;

/// <summary>An immutable row: every value is a string, as ServiceNow returns it. Updates replace the row.</summary>
internal sealed class SnRecord
{
    private readonly Dictionary<string, string> _values;

    public SnRecord(Dictionary<string, string> values)
    {
        _values = values;
        SysId = values["sys_id"];
    }

    public string SysId { get; }

    public IReadOnlyDictionary<string, string> Values => _values;

    public string this[string field] => _values.TryGetValue(field, out var value) ? value : "";
}
