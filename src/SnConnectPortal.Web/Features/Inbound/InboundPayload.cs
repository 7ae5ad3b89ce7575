using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Unicode;
using SnConnectPortal.Data;

namespace SnConnectPortal.Web.Features.Inbound;

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

/// <summary>Why a body is refused: the status of the answer and a short sentence for its body.</summary>
public sealed record PayloadRefusal(int Status, string Reason);

/// <summary>
/// Validates a body (UTF-8, well-formed JSON whose escaped text is valid Unicode, an object, nesting within the limit,
/// at most the allowed attachments) and reads the fields the message view shows, in one pass. It understands the
/// shape the portal's business rules send (<c>{"table","sys_id","event","record":{...},"attachment":{...}}</c>) and
/// flat payloads that carry <c>number</c>/<c>correlation_id</c> at the top. The values it reads are made storable
/// by <see cref="StoredText.Fit"/>.
/// </summary>
public static class InboundPayload
{
    private static readonly string[] ContentNames = ["content_base64", "content", "data"];

    /// <summary>The metadata, or why the body is refused (400, or 413 for too many attachments).</summary>
    public static (InboundMetadata? Metadata, PayloadRefusal? Refusal) Read(ReadOnlySpan<byte> body, int maxDepth, int maxAttachments)
    {
        if (!Utf8.IsValid(body))
        {
            return (null, BadRequest("The body is not valid UTF-8."));
        }

        var options = ReaderOptions(maxDepth);
        var reader = new Utf8JsonReader(body, options);
        try
        {
            return (ReadJson(ref reader, maxAttachments), null);
        }
        catch (PayloadRefusedException e)
        {
            return (null, e.Refusal);
        }
        catch (JsonException e)
        {
            return (null, Describe(body, reader, options, e));
        }
    }

    private static JsonReaderOptions ReaderOptions(int maxDepth) => new() { MaxDepth = maxDepth, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>The reason for a reader error, told from the reader's state, not from the exception's text.</summary>
    private static PayloadRefusal Describe(ReadOnlySpan<byte> body, Utf8JsonReader reader, JsonReaderOptions options, JsonException e)
    {
        ReadOnlySpan<byte> whitespace = " \t\r\n"u8;
        if (body.Trim(whitespace).IsEmpty)
        {
            return BadRequest("The body is empty; a JSON object is expected.");
        }

        // The reader stops before a container it may not open: the next token opens one, one level too deep.
        var next = body[(int)reader.BytesConsumed..].TrimStart(whitespace);
        if (!next.IsEmpty && next[0] == (byte)',')
        {
            next = next[1..].TrimStart(whitespace);
        }

        var levelsOpen = reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray ? reader.CurrentDepth + 1 : reader.CurrentDepth;
        if (levelsOpen >= options.MaxDepth && !next.IsEmpty && next[0] is (byte)'{' or (byte)'[')
        {
            return BadRequest($"The JSON is nested deeper than {options.MaxDepth} levels.");
        }

        if (EndsEarly(body.TrimEnd(whitespace), options))
        {
            return BadRequest($"The body ends before its JSON is complete (truncated after {body.Length} bytes).");
        }

        return BadRequest($"The body is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).");
    }

    /// <summary>Whether the body is a valid beginning of JSON that stops before its value is complete.</summary>
    private static bool EndsEarly(ReadOnlySpan<byte> body, JsonReaderOptions options)
    {
        var probe = new Utf8JsonReader(body, isFinalBlock: false, new JsonReaderState(options));
        try
        {
            while (probe.Read())
            {
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return probe.CurrentDepth > 0 || probe.BytesConsumed < body.Length;
    }

    private static InboundMetadata ReadJson(ref Utf8JsonReader reader, int maxAttachments)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            // Read the rest anyway so that malformed JSON is reported as such.
            SkipValue(ref reader);
            while (reader.Read())
            {
            }

            throw new PayloadRefusedException(BadRequest("The body must be a JSON object."));
        }

        var metadata = new InboundMetadata();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("table"u8))
            {
                metadata.Table = ReadString(ref reader, FieldLengths.MessageTableName);
            }
            else if (reader.ValueTextEquals("sys_id"u8))
            {
                metadata.SysId = ReadString(ref reader, FieldLengths.SysId);
            }
            else if (reader.ValueTextEquals("event"u8))
            {
                metadata.Event = ReadString(ref reader, FieldLengths.MessageEventName);
            }
            else if (reader.ValueTextEquals("number"u8))
            {
                metadata.Number = ReadString(ref reader, FieldLengths.MessageNumber);
            }
            else if (reader.ValueTextEquals("correlation_id"u8))
            {
                metadata.CorrelationId = ReadString(ref reader, FieldLengths.MessageCorrelationId);
            }
            else if (reader.ValueTextEquals("sys_class_name"u8))
            {
                var table = ReadString(ref reader, FieldLengths.MessageTableName);
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
                    SkipValue(ref reader);
                }
            }
            else if (reader.ValueTextEquals("attachment"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    AddAttachment(metadata, ReadAttachment(ref reader), maxAttachments);
                }
                else
                {
                    SkipValue(ref reader);
                }
            }
            else if (reader.ValueTextEquals("attachments"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (reader.TokenType == JsonTokenType.StartObject)
                        {
                            AddAttachment(metadata, ReadAttachment(ref reader), maxAttachments);
                        }
                        else
                        {
                            SkipValue(ref reader);
                        }
                    }
                }
                else
                {
                    SkipValue(ref reader);
                }
            }
            else
            {
                reader.Read();
                SkipValue(ref reader);
            }
        }

        // Trailing content after the object is an error the reader reports on the next Read.
        while (reader.Read())
        {
        }

        return metadata;
    }

    /// <summary>Stops at the first attachment over the limit, so that a body of thousands of them costs no more work.</summary>
    private static void AddAttachment(InboundMetadata metadata, InboundAttachment attachment, int maxAttachments)
    {
        var attachments = metadata.Attachments ??= [];
        if (attachments.Count >= maxAttachments)
        {
            throw new PayloadRefusedException(new PayloadRefusal(StatusCodes.Status413PayloadTooLarge,
                $"The message carries more than {maxAttachments} attachments, this receiver's limit (Inbound:MaxAttachments); nothing was stored."));
        }

        attachments.Add(attachment);
    }

    private static void ReadRecord(ref Utf8JsonReader reader, InboundMetadata metadata)
    {
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("number"u8))
            {
                var number = ReadString(ref reader, FieldLengths.MessageNumber);
                metadata.Number ??= number;
            }
            else if (reader.ValueTextEquals("correlation_id"u8))
            {
                var correlationid = ReadString(ref reader, FieldLengths.MessageCorrelationId);
                metadata.CorrelationId ??= correlationid;
            }
            else if (reader.ValueTextEquals("sys_id"u8))
            {
                var sysid = ReadString(ref reader, FieldLengths.SysId);
                metadata.SysId ??= sysid;
            }
            else if (reader.ValueTextEquals("sys_class_name"u8))
            {
                var table = ReadString(ref reader, FieldLengths.MessageTableName);
                metadata.Table ??= table;
            }
            else
            {
                reader.Read();
                SkipValue(ref reader);
            }
        }
    }

    private static InboundAttachment ReadAttachment(ref Utf8JsonReader reader)
    {
        var attachment = new InboundAttachment();
        byte[]? content = null;
        var contentLength = 0;
        try
        {
            while (NextProperty(ref reader))
            {
                if (reader.ValueTextEquals("sys_id"u8))
                {
                    attachment.SysId = ReadString(ref reader, FieldLengths.SysId);
                }
                else if (reader.ValueTextEquals("file_name"u8))
                {
                    attachment.FileName = ReadString(ref reader, FieldLengths.AttachmentFileName);
                }
                else if (reader.ValueTextEquals("content_type"u8))
                {
                    attachment.ContentType = ReadString(ref reader, FieldLengths.AttachmentContentType);
                }
                else if (reader.ValueTextEquals("hash"u8))
                {
                    attachment.Hash = ReadString(ref reader, FieldLengths.AttachmentHash);
                }
                else if (reader.ValueTextEquals("size_bytes"u8))
                {
                    reader.Read();
                    attachment.DeclaredSizeBytes = reader.TokenType switch
                    {
                        JsonTokenType.Number when reader.TryGetInt64(out var n) => n,
                        JsonTokenType.String when long.TryParse(GetText(ref reader), System.Globalization.CultureInfo.InvariantCulture, out var s) => s,
                        _ => null,
                    };
                    SkipValue(ref reader);
                }
                else if (IsContentName(ref reader))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String)
                    {
                        SkipValue(ref reader);
                        continue;
                    }

                    var encoded = reader.ValueIsEscaped ? System.Text.Encoding.UTF8.GetBytes(GetText(ref reader)) : reader.ValueSpan;
                    if (content is not null)
                    {
                        ArrayPool<byte>.Shared.Return(content);
                    }

                    content = ArrayPool<byte>.Shared.Rent(Base64.GetMaxDecodedFromUtf8Length(encoded.Length));
                    if (Base64.DecodeFromUtf8(encoded, content, out _, out contentLength) != OperationStatus.Done)
                    {
                        throw new PayloadRefusedException(BadRequest(
                            $"The content of attachment '{attachment.FileName ?? attachment.SysId ?? "?"}' is not valid base64."));
                    }

                    attachment.ContentBytes = contentLength;
                }
                else
                {
                    reader.Read();
                    SkipValue(ref reader);
                }
            }

            if (content is not null && !string.IsNullOrEmpty(attachment.Hash))
            {
                var hex = Convert.ToHexString(SHA256.HashData(content.AsSpan(0, contentLength)));
                attachment.HashMatches = string.Equals(hex, attachment.Hash, StringComparison.OrdinalIgnoreCase);
            }

            return attachment;
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

    /// <summary>Moves to the next property of the current object; false at its end.</summary>
    private static bool NextProperty(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName)
        {
            return false;
        }

        CheckText(ref reader);
        return true;
    }

    /// <summary>Like <see cref="Utf8JsonReader.Skip"/>, but looks at every string on the way, so that invalid escaped text is refused anywhere.</summary>
    private static void SkipValue(ref Utf8JsonReader reader)
    {
        CheckText(ref reader);
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            return;
        }

        var depth = reader.CurrentDepth;
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            CheckText(ref reader);
        }
    }

    /// <summary>
    /// Refuses an escaped string that is not Unicode text (a <c>\uD800</c>-<c>\uDFFF</c> escape without its pair): the
    /// JSON grammar lets it through, but it cannot be stored as text or shown.
    /// </summary>
    private static void CheckText(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName) || !reader.ValueIsEscaped)
        {
            return;
        }

        var buffer = ArrayPool<char>.Shared.Rent(reader.ValueSpan.Length);
        try
        {
            GetText(ref reader, buffer);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static string GetText(ref Utf8JsonReader reader)
    {
        var buffer = ArrayPool<char>.Shared.Rent(reader.ValueSpan.Length);
        try
        {
            return new string(buffer, 0, GetText(ref reader, buffer));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>Unescapes the current string into <paramref name="buffer"/> (at least as long as the raw value).</summary>
    private static int GetText(ref Utf8JsonReader reader, char[] buffer)
    {
        try
        {
            return reader.CopyString(buffer);
        }
        catch (InvalidOperationException)
        {
            // CopyString's only failure for a string token whose escapes the reader already accepted.
            throw new PayloadRefusedException(BadRequest(
                $"The string at byte {reader.TokenStartIndex + 1} has an escaped lone surrogate (\\uD800-\\uDFFF without its pair), which is not valid Unicode."));
        }
    }

    /// <summary>The next value as storable text if it is a string or number (see <see cref="StoredText.Fit"/>); skips anything else.</summary>
    private static string? ReadString(ref Utf8JsonReader reader, int maxLength)
    {
        reader.Read();
        string? value;
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                value = GetText(ref reader);
                break;
            case JsonTokenType.Number:
                value = System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
                break;
            default:
                SkipValue(ref reader);
                return null;
        }

        return string.IsNullOrEmpty(value) ? null : StoredText.Fit(value, maxLength);
    }

    private static PayloadRefusal BadRequest(string reason) => new(StatusCodes.Status400BadRequest, reason);

    private sealed class PayloadRefusedException(PayloadRefusal refusal) : Exception(refusal.Reason)
    {
        public PayloadRefusal Refusal { get; } = refusal;
    }
}
