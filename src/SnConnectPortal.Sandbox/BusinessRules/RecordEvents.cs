using System.Threading.Channels;

namespace SnConnectPortal.Sandbox.BusinessRules;

/// <summary>
/// The async business rules: after an insert or update of a configured table, or an attachment added to one,
/// queue a call of the outbound REST message (SERVICENOW-API.md section 6).
/// </summary>
internal sealed class RecordEvents
{
    public const string Insert = "insert";
    public const string Update = "update";
    public const string AttachmentAdded = "attachment";

    private readonly Channel<OutboundEvent> _queue = Channel.CreateUnbounded<OutboundEvent>(
        new UnboundedChannelOptions { SingleReader = true });

    private RestMessageSettings? _message;
    private long _generation;

    public ChannelReader<OutboundEvent> Queue => _queue.Reader;

    public RestMessageSettings? Message => Volatile.Read(ref _message);

    /// <summary>Bumped by every (re)configuration, so events queued before a reset are not sent after it.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public void Configure(RestMessageSettings? message)
    {
        Volatile.Write(ref _message, message);
        Interlocked.Increment(ref _generation);
    }

    public void Raise(string table, string sysId, string eventName, string? attachmentSysId = null)
    {
        if (Message is { } message && message.Tables.Contains(table)
            && (eventName != AttachmentAdded || message.Attachments))
        {
            _queue.Writer.TryWrite(new OutboundEvent(table, sysId, eventName, message, attachmentSysId, Generation));
        }
    }
}
