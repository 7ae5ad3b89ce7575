using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SnConnectPortal.Sandbox.Http;

/// <summary>Writes JSON bodies the way ServiceNow sends them: <c>application/json;charset=UTF-8</c>, unescaped text.</summary>
internal static class JsonResponse
{
    public const string ContentType = "application/json;charset=UTF-8";

    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        var buffer = Build(write);
        await WriteAsync(context, status, buffer.WrittenMemory);
    }

    public static async Task WriteAsync(HttpContext context, int status, ReadOnlyMemory<byte> body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        context.Response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    public static ArrayBufferWriter<byte> Build(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return buffer;
    }
}
