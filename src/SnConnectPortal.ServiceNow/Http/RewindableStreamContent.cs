using System.Net;

namespace SnConnectPortal.ServiceNow.Http;

/// <summary>
/// Request content over a seekable stream that starts again from the same position each time it is sent, so a
/// retried or re-authenticated upload sends the whole file again. The caller keeps owning the stream.
/// </summary>
internal sealed class RewindableStreamContent : HttpContent
{
    private readonly Stream _stream;
    private readonly long _start;

    public RewindableStreamContent(Stream stream)
    {
        if (!stream.CanSeek)
        {
            throw new ArgumentException("The stream must be seekable.", nameof(stream));
        }

        _stream = stream;
        _start = stream.Position;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        _stream.Position = _start;
        await _stream.CopyToAsync(stream, cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _stream.Length - _start;
        return true;
    }
}
