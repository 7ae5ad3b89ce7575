using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Unicode;

namespace SnConnectPortal.Web.Inbound;

/// <summary>What the receiver reads out of a payload for the message view (the payload itself is stored whole).</summary>
public sealed class InboundMetadata
{
    public string? Table { get; set; }

    public string? SysId { get; set; }

    public string? Event { get; set; }

    public string? Number { get; set; }

    public string? CorrelationId { get; set; }

    public List<InboundAttachment>? Attachments { get; set; }
}

/// <summary>An attachment described (and possibly carried, base64) by a payload.</summary>
public sealed class InboundAttachment
{
    public string? SysId { get; set; }

    public string? FileName { get; set; }

    public string? ContentType { get; set; }

    public long? DeclaredSizeBytes { get; set; }

    public string? Hash { get; set; }

    public long? ContentBytes { get; set; }

    public bool? HashMatches { get; set; }
}

/// <summary>
/// Validates a body (UTF-8, well-formed JSON, an object, nesting within the limit) and reads the fields the message view
/// shows, in one pass. It understands the shape the portal's business rules send
/// (<c>{"table","sys_id","event","record":{...},"attachment":{...}}</c>) and flat payloads that carry
/// <c>number</c>/<c>correlation_id</c> at the top.
/// </summary>
public static class InboundPayload
{
    private static readonly string[] ContentNames = ["content_base64", "content", "data"];

    /// <summary>The metadata, or the reason the body is refused (a short sentence for the 400 answer).</summary>
    public static (InboundMetadata? Metadata, string? Error) Read(ReadOnlySpan<byte> body, int maxDepth)
    {
        if (!Utf8.IsValid(body))
        {
            return (null, "The body is not valid UTF-8.");
        }

        try
        {
            return ReadJson(body, maxDepth);
        }
        catch (JsonException e) when (e.Message.Contains("depth", StringComparison.OrdinalIgnoreCase))
        {
            return (null, $"The JSON is nested deeper than {maxDepth} levels.");
        }
        catch (JsonException e)
        {
            return (null, $"The body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).");
        }
    }

    private static (InboundMetadata?, string?) ReadJson(ReadOnlySpan<byte> body, int maxDepth)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = maxDepth, CommentHandling = JsonCommentHandling.Disallow });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            // Read the rest anyway so that malformed JSON is reported as such.
            while (reader.Read())
            {
            }

            return (null, "The body must be a JSON object.");
        }

        var metadata = new InboundMetadata();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("table"u8))
            {
                metadata.Table = ReadString(ref reader, 80);
            }
            else if (reader.ValueTextEquals("sys_id"u8))
            {
                metadata.SysId = ReadString(ref reader, 32);
            }
            else if (reader.ValueTextEquals("event"u8))
            {
                metadata.Event = ReadString(ref reader, 40);
            }
            else if (reader.ValueTextEquals("number"u8))
            {
                metadata.Number = ReadString(ref reader, 40);
            }
            else if (reader.ValueTextEquals("correlation_id"u8))
            {
                metadata.CorrelationId = ReadString(ref reader, 100);
            }
            else if (reader.ValueTextEquals("sys_class_name"u8))
            {
                var table = ReadString(ref reader, 80);
                metadata.Table ??= table;
            }
            else if (reader.ValueTextEquals("record"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    ReadRecord(ref reader, metadata);
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("attachment"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    var (attachment, error) = ReadAttachment(ref reader);
                    if (error is not null)
                    {
                        return (null, error);
                    }

                    (metadata.Attachments ??= []).Add(attachment);
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("attachments"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (reader.TokenType != JsonTokenType.StartObject)
                        {
                            reader.Skip();
                            continue;
                        }

                        var (attachment, error) = ReadAttachment(ref reader);
                        if (error is not null)
                        {
                            return (null, error);
                        }

                        (metadata.Attachments ??= []).Add(attachment);
                    }
                }
                else
                {
                    reader.Skip();
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        // Trailing content after the object is an error the reader reports on the next Read.
        while (reader.Read())
        {
        }

        return (metadata, null);
    }

    private static void ReadRecord(ref Utf8JsonReader reader, InboundMetadata metadata)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("number"u8))
            {
                var number = ReadString(ref reader, 40);
                metadata.Number ??= number;
            }
            else if (reader.ValueTextEquals("correlation_id"u8))
            {
                var correlationid = ReadString(ref reader, 100);
                metadata.CorrelationId ??= correlationid;
            }
            else if (reader.ValueTextEquals("sys_id"u8))
            {
                var sysid = ReadString(ref reader, 32);
                metadata.SysId ??= sysid;
            }
            else if (reader.ValueTextEquals("sys_class_name"u8))
            {
                var table = ReadString(ref reader, 80);
                metadata.Table ??= table;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    private static (InboundAttachment Attachment, string? Error) ReadAttachment(ref Utf8JsonReader reader)
    {
        var attachment = new InboundAttachment();
        byte[]? content = null;
        var contentLength = 0;
        try
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("sys_id"u8))
                {
                    attachment.SysId = ReadString(ref reader, 32);
                }
                else if (reader.ValueTextEquals("file_name"u8))
                {
                    attachment.FileName = ReadString(ref reader, 260);
                }
                else if (reader.ValueTextEquals("content_type"u8))
                {
                    attachment.ContentType = ReadString(ref reader, 200);
                }
                else if (reader.ValueTextEquals("hash"u8))
                {
                    attachment.Hash = ReadString(ref reader, 128);
                }
                else if (reader.ValueTextEquals("size_bytes"u8))
                {
                    reader.Read();
                    attachment.DeclaredSizeBytes = reader.TokenType switch
                    {
                        JsonTokenType.Number when reader.TryGetInt64(out var n) => n,
                        JsonTokenType.String when long.TryParse(reader.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var s) => s,
                        _ => null,
                    };
                }
                else if (IsContentName(ref reader))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        reader.Skip();
                        continue;
                    }

                    var encoded = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
                    if (reader.ValueIsEscaped)
                    {
                        encoded = System.Text.Encoding.UTF8.GetBytes(reader.GetString()!);
                    }

                    if (content is not null)
                    {
                        ArrayPool<byte>.Shared.Return(content);
                    }

                    content = ArrayPool<byte>.Shared.Rent(Base64.GetMaxDecodedFromUtf8Length(encoded.Length));
                    if (Base64.DecodeFromUtf8(encoded, content, out _, out contentLength) != OperationStatus.Done)
                    {
                        return (attachment, $"The content of attachment '{attachment.FileName ?? attachment.SysId ?? "?"}' is not valid base64.");
                    }

                    attachment.ContentBytes = contentLength;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (content is not null && !string.IsNullOrEmpty(attachment.Hash))
            {
                var hex = Convert.ToHexString(SHA256.HashData(content.AsSpan(0, contentLength)));
                attachment.HashMatches = string.Equals(hex, attachment.Hash, StringComparison.OrdinalIgnoreCase);
            }

            return (attachment, null);
        }
        finally
        {
            if (content is not null)
            {
                ArrayPool<byte>.Shared.Return(content);
            }
        }
    }

    private static bool IsContentName(ref Utf8JsonReader reader)
    {
        foreach (var name in ContentNames)
        {
            if (reader.ValueTextEquals(name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The next value as text if it is a string or number (cut to the column's length); skips anything else.</summary>
    private static string? ReadString(ref Utf8JsonReader reader, int maxLength)
    {
        reader.Read();
        string? value;
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                value = reader.GetString();
                break;
            case JsonTokenType.Number:
                value = System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
                break;
            default:
                reader.Skip();
                return null;
        }

        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return value.Length > maxLength ? value[..maxLength] : value;
    }
}
