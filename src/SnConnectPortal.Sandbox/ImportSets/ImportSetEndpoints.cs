using System.Globalization;
using System.Text.Json;
using SnConnectPortal.Sandbox.Auth;
using SnConnectPortal.Sandbox.Configuration;
using SnConnectPortal.Sandbox.Errors;
using SnConnectPortal.Sandbox.Http;
using SnConnectPortal.Sandbox.Store;
using SnConnectPortal.Sandbox.Tables;

namespace SnConnectPortal.Sandbox.ImportSets;

/// <summary>
/// <c>POST /api/now/import/{staging_table}</c>: a synchronous transform into the target table, answered with the
/// documented import-set body; row errors still come back with 201 (SERVICENOW-API.md section 7).
/// </summary>
internal static class ImportSetEndpoints
{
    public static void MapImportSetApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/now/import/{stagingTable}", ImportAsync);

    private static async Task ImportAsync(
        HttpContext context, string stagingTable, InstanceStore store, RecordWriter writer, RuntimeSettingsHolder settings)
    {
        if ((RequestFormat.CheckAccept(context.Request) ?? RequestFormat.CheckJsonContentType(context.Request)) is { } formatError)
        {
            await formatError.WriteAsync(context);
            return;
        }

        if (TransformMap.ForStagingTable(stagingTable) is not { } map)
        {
            await ServiceNowError.InvalidTable(stagingTable).WriteAsync(context);
            return;
        }

        var caller = Caller.Required(context);
        if (!caller.HasRole("import_transformer"))
        {
            await ServiceNowError.AclDenied("Insert").WriteAsync(context);
            return;
        }

        var (body, sizeError) = await RequestFormat.ReadBodyAsync(context.Request, settings.Current, context.RequestAborted);
        if (sizeError is not null)
        {
            await sizeError.WriteAsync(context);
            return;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            await ServiceNowError.InvalidJson().WriteAsync(context);
            return;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                await ServiceNowError.InvalidJson().WriteAsync(context);
                return;
            }

            var importSet = TaskNumbers.Format("ISET", store.Write(() => store.NextNumber("ISET", TaskNumbers.Start("ISET"))));
            var outcome = Transform(map, document.RootElement, writer, caller);
            var instanceUrl = RequestFormat.InstanceUrl(context.Request);
            await JsonResponse.WriteAsync(context, StatusCodes.Status201Created, w =>
            {
                w.WriteStartObject();
                w.WriteString("import_set", importSet);
                w.WriteString("staging_table", map.StagingTable);
                w.WriteStartArray("result");
                w.WriteStartObject();
                w.WriteString("transform_map", map.Name);
                w.WriteString("table", map.TargetTable);
                w.WriteString("display_name", "number");
                w.WriteString("display_value", outcome.Record?["number"] ?? "");
                w.WriteString("record_link", outcome.Record is { } r ? $"{instanceUrl}/api/now/table/{map.TargetTable}/{r.SysId}" : "");
                w.WriteString("status", outcome.Record is null ? "error" : "inserted");
                w.WriteString("sys_id", outcome.Record?.SysId ?? "");
                if (outcome.Error is { } error)
                {
                    w.WriteString("error_message", error);
                    w.WriteString("status_message", "Row transform ignored");
                }

                w.WriteEndObject();
                w.WriteEndArray();
                w.WriteEndObject();
            });
        }
    }

    private static (SnRecord? Record, string? Error) Transform(TransformMap map, JsonElement row, RecordWriter writer, Caller caller)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in row.EnumerateObject())
        {
            if (!map.FieldMap.TryGetValue(property.Name, out var target))
            {
                continue;
            }

            if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            {
                return (null, $"Invalid value for {property.Name}: staging columns hold strings");
            }

            values[target] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() ?? "" : property.Value.GetRawText();
        }

        if (values.TryGetValue("opened_at", out var opened) && opened.Length > 0
            && !DateTime.TryParseExact(opened, SandboxClock.GlideDateTimeFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.None, out _))
        {
            return (null, $"Unable to parse opening_date '{opened}': expected {SandboxClock.GlideDateTimeFormat}");
        }

        return (writer.Insert(TableCatalog.Get(map.TargetTable), caller, values), null);
    }
}
