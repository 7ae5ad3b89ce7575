using SnConnectPortal.Sandbox.Acls;
using SnConnectPortal.Sandbox.Auth;
using SnConnectPortal.Sandbox.Configuration;
using SnConnectPortal.Sandbox.Errors;
using SnConnectPortal.Sandbox.Http;
using SnConnectPortal.Sandbox.Store;

namespace SnConnectPortal.Sandbox.Tables;

/// <summary>The Table API at <c>/api/now/table</c>, <c>/api/now/v1/table</c> and <c>/api/now/v2/table</c> (SERVICENOW-API.md section 1).</summary>
internal static class TableEndpoints
{
    public static void MapTableApi(this IEndpointRouteBuilder app)
    {
        foreach (var (prefix, version) in new[] { ("/api/now/table", 2), ("/api/now/v1/table", 1), ("/api/now/v2/table", 2) })
        {
            var group = app.MapGroup(prefix);
            group.MapMethods("/{table}", ["GET", "HEAD"], (HttpContext c, string table, InstanceStore s, TableQuery q) =>
                ListAsync(c, table, version, s, q));
            group.MapMethods("/{table}/{sysId}", ["GET", "HEAD"], GetAsync);
            group.MapPost("/{table}", (HttpContext c, string table, RecordWriter w, InstanceStore s, RuntimeSettingsHolder r) =>
                InsertAsync(c, prefix, table, w, s, r));
            group.MapMethods("/{table}/{sysId}", ["PUT", "PATCH"], UpdateAsync);
            group.MapDelete("/{table}/{sysId}", DeleteAsync);
        }
    }

    private static async Task ListAsync(HttpContext context, string table, int version, InstanceStore store, TableQuery query)
    {
        if (Precheck(context, table, out var schema) is { } error)
        {
            await error.WriteAsync(context);
            return;
        }

        var caller = Caller.Required(context);
        var request = TableReadRequest.Parse(context.Request.Query);
        var instanceUrl = RequestFormat.InstanceUrl(context.Request);
        var (page, body) = store.Read(() =>
        {
            var result = query.Run(schema, request, caller);
            var writer = RecordJsonWriter.For(store, schema, instanceUrl, request);
            var json = JsonResponse.Build(w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("result");
                foreach (var row in result.Rows)
                {
                    writer.Write(w, row);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            });
            return (result, json);
        });

        if (version == 1 && page.Rows.Count == 0)
        {
            await ServiceNowError.RecordNotFound().WriteAsync(context);
            return;
        }

        PaginationHeaders.Apply(context, instanceUrl, request, page.Total, page.ReturnedBeforeAcl);
        await JsonResponse.WriteAsync(context, StatusCodes.Status200OK, body.WrittenMemory);
    }

    private static async Task GetAsync(HttpContext context, string table, string sysId, InstanceStore store, RowVisibility visibility)
    {
        if (Precheck(context, table, out var schema) is { } error)
        {
            await error.WriteAsync(context);
            return;
        }

        var caller = Caller.Required(context);
        var request = TableReadRequest.Parse(context.Request.Query);
        var instanceUrl = RequestFormat.InstanceUrl(context.Request);
        var body = store.Read(() =>
            store.Find(table, sysId) is { } record && visibility.CanSee(caller, table, record)
                ? RecordBody(store, schema, instanceUrl, request, record)
                : (ReadOnlyMemory<byte>?)null);
        if (body is not { } found)
        {
            await ServiceNowError.RecordNotFound().WriteAsync(context);
            return;
        }

        await JsonResponse.WriteAsync(context, StatusCodes.Status200OK, found);
    }

    private static async Task InsertAsync(
        HttpContext context, string prefix, string table, RecordWriter writer, InstanceStore store, RuntimeSettingsHolder settings)
    {
        if ((Precheck(context, table, out var schema) ?? RequestFormat.CheckJsonContentType(context.Request)) is { } error)
        {
            await error.WriteAsync(context);
            return;
        }

        var caller = Caller.Required(context);
        if (!TableAcl.CanWrite(caller, table))
        {
            await ServiceNowError.AclDenied("Insert").WriteAsync(context);
            return;
        }

        var (input, inputError) = await ReadInputAsync(context, settings);
        if (inputError is not null)
        {
            await inputError.WriteAsync(context);
            return;
        }

        var record = writer.Insert(schema, caller, input!);
        var instanceUrl = RequestFormat.InstanceUrl(context.Request);
        context.Response.Headers.Location = $"{instanceUrl}{prefix}/{table}/{record.SysId}";
        await RespondWithRecordAsync(context, StatusCodes.Status201Created, store, schema, instanceUrl, record);
    }

    private static async Task UpdateAsync(
        HttpContext context, string table, string sysId, RecordWriter writer, InstanceStore store, RowVisibility visibility,
        RuntimeSettingsHolder settings)
    {
        if ((Precheck(context, table, out var schema) ?? RequestFormat.CheckJsonContentType(context.Request)) is { } error)
        {
            await error.WriteAsync(context);
            return;
        }

        var caller = Caller.Required(context);
        if (VisibleRecordError(store, visibility, caller, table, sysId, "Update") is { } denied)
        {
            await denied.WriteAsync(context);
            return;
        }

        var (input, inputError) = await ReadInputAsync(context, settings);
        if (inputError is not null)
        {
            await inputError.WriteAsync(context);
            return;
        }

        if (writer.Update(schema, caller, sysId, input!) is not { } record)
        {
            await ServiceNowError.RecordNotFound().WriteAsync(context);
            return;
        }

        await RespondWithRecordAsync(context, StatusCodes.Status200OK, store, schema, RequestFormat.InstanceUrl(context.Request), record);
    }

    private static async Task DeleteAsync(
        HttpContext context, string table, string sysId, RecordWriter writer, InstanceStore store, RowVisibility visibility)
    {
        if (Precheck(context, table, out var schema) is { } error)
        {
            await error.WriteAsync(context);
            return;
        }

        if (VisibleRecordError(store, visibility, Caller.Required(context), table, sysId, "Delete") is { } denied)
        {
            await denied.WriteAsync(context);
            return;
        }

        if (!writer.Delete(schema, sysId))
        {
            await ServiceNowError.RecordNotFound().WriteAsync(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private static ServiceNowError? Precheck(HttpContext context, string table, out TableSchema schema)
    {
        schema = TableCatalog.Find(table)!;
        return schema is null ? ServiceNowError.InvalidTable(table) : RequestFormat.CheckAccept(context.Request);
    }

    /// <summary>404 when the caller cannot see the record (or it does not exist), 403 when it cannot write it.</summary>
    private static ServiceNowError? VisibleRecordError(
        InstanceStore store, RowVisibility visibility, Caller caller, string table, string sysId, string operation) =>
        store.Read(() => store.Find(table, sysId) is { } record && visibility.CanSee(caller, table, record))
            ? TableAcl.CanWrite(caller, table) ? null : ServiceNowError.AclDenied(operation)
            : ServiceNowError.RecordNotFound();

    private static async Task<(Dictionary<string, string>? Input, ServiceNowError? Error)> ReadInputAsync(
        HttpContext context, RuntimeSettingsHolder settings)
    {
        var (body, error) = await RequestFormat.ReadBodyAsync(context.Request, settings.Current, context.RequestAborted);
        if (error is not null)
        {
            return (null, error);
        }

        return RecordInput.Parse(body) is { } input ? (input, null) : (null, ServiceNowError.InvalidJson());
    }

    private static async Task RespondWithRecordAsync(
        HttpContext context, int status, InstanceStore store, TableSchema schema, string instanceUrl, SnRecord record)
    {
        if (string.Equals(context.Request.Headers["X-no-response-body"], "true", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = status;
            return;
        }

        var request = TableReadRequest.Parse(context.Request.Query);
        var body = store.Read(() => RecordBody(store, schema, instanceUrl, request, record));
        await JsonResponse.WriteAsync(context, status, body);
    }

    private static ReadOnlyMemory<byte> RecordBody(
        InstanceStore store, TableSchema schema, string instanceUrl, TableReadRequest request, SnRecord record)
    {
        var writer = RecordJsonWriter.For(store, schema, instanceUrl, request);
        return JsonResponse.Build(w =>
        {
            w.WriteStartObject();
            w.WritePropertyName("result");
            writer.Write(w, record);
            w.WriteEndObject();
        }).WrittenMemory;
    }
}
