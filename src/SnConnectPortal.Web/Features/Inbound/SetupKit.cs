using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace SnConnectPortal.Web.Features.Inbound;

/// <summary>One generated ServiceNow artefact, with where it goes.</summary>
public sealed record SetupKitItem(string Title, string Where, string Content);

/// <summary>
/// What an administrator puts into ServiceNow so that its business rules post to this connection's receiver (the
/// seeds' ONEiO update set, generated): a REST message (endpoint, POST, JSON, a Basic auth profile whose password the
/// admin pastes in; it is never embedded), an async business rule per configured table, one for attachments (base64
/// content), and a test function with a fixed payload. As copyable scripts and as an update-set XML. The sys_ids
/// derive from the connection key, so a re-downloaded update set updates the same records.
/// </summary>
public sealed class SetupKit
{
    private readonly string _key;
    private readonly DateTime _generatedAt;

    public SetupKit(string connectionName, string connectionKey, string userName, Uri receiverUrl, IEnumerable<string> tables, DateTime generatedAt)
    {
        ArgumentNullException.ThrowIfNull(receiverUrl);
        ConnectionName = connectionName;
        _key = connectionKey;
        UserName = userName;
        ReceiverUrl = receiverUrl;
        Tables = tables.Select(t => t.Trim()).Where(t => t.Length > 0 && t.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')).Distinct().ToList();
        _generatedAt = generatedAt;
    }

    public string ConnectionName { get; }

    public string UserName { get; }

    public Uri ReceiverUrl { get; }

    public IReadOnlyList<string> Tables { get; }

    public string RestMessageName => $"SnConnectPortal {ConnectionName}";

    public string AuthProfileName => $"SnConnectPortal {ConnectionName} inbound";

    public string FileName => $"snconnectportal-{new string(ConnectionName.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-').ToArray())}-update-set.xml";

    public IReadOnlyList<SetupKitItem> Items =>
    [
        new("Basic auth profile", "System Web Services > Outbound > Basic Auth Configuration (sys_auth_profile_basic)",
            $"Name: {AuthProfileName}\nUsername: {UserName}\nPassword: (paste the password generated on this page; it is not in this kit)"),
        new("REST message", "System Web Services > Outbound > REST Message (sys_rest_message), HTTP method 'post'",
            $"Name: {RestMessageName}\nEndpoint: {ReceiverUrl}\nAuthentication type: Basic, profile '{AuthProfileName}'\n" +
            "HTTP method 'post': POST, headers Content-Type: application/json, Accept: application/json\n" +
            "HTTP method 'test': POST, same headers, fixed body:\n" + TestBody),
        .. Tables.Select(table => new SetupKitItem($"Business rule: {table}",
            $"System Definition > Business Rules, table {table}, When: async, Insert and Update", RecordRuleScript())),
        new("Business rule: attachments",
            $"System Definition > Business Rules, table sys_attachment, When: async, Insert, condition: table_name is one of {string.Join(", ", Tables)}",
            AttachmentRuleScript()),
    ];

    public string TestBody => """{"table":"incident","sys_id":"00000000000000000000000000000000","event":"test","record":{"number":"TEST0000001","short_description":"ServiceNow test REST message"}}""";

    public string RecordRuleScript() => $$"""
        (function executeRule(current, previous /*null when async*/) {
            // SnConnectPortal: send the record to the portal's receiver. Generated for "{{Js(ConnectionName)}}".
            var record = {};
            var fields = current.getFields();
            for (var i = 0; i < fields.size(); i++) {
                var field = fields.get(i);
                record[field.getName()] = field.toString();
            }
            var body = {
                table: current.getTableName(),
                sys_id: current.getUniqueValue(),
                event: current.operation(),
                record: record
            };
            var message = new sn_ws.RESTMessageV2('{{Js(RestMessageName)}}', 'post');
            message.setRequestBody(JSON.stringify(body));
            var response = message.execute();
            if (response.getStatusCode() != 202) {
                gs.warn('SnConnectPortal: ' + current.getTableName() + ' ' + current.getValue('number') + ' not accepted: '
                    + response.getStatusCode() + ' ' + response.getBody());
            }
        })(current, previous);
        """;

    public string AttachmentRuleScript() => $$"""
        (function executeRule(current, previous /*null when async*/) {
            // SnConnectPortal: send an attachment (base64) with its record's number. Generated for "{{Js(ConnectionName)}}".
            var parent = new GlideRecord(current.getValue('table_name'));
            if (!parent.get(current.getValue('table_sys_id'))) {
                return;
            }
            var body = {
                table: current.getValue('table_name'),
                sys_id: current.getValue('table_sys_id'),
                event: 'attachment',
                record: { number: parent.getValue('number'), correlation_id: parent.getValue('correlation_id') || '' },
                attachment: {
                    sys_id: current.getUniqueValue(),
                    file_name: current.getValue('file_name'),
                    content_type: current.getValue('content_type'),
                    size_bytes: current.getValue('size_bytes'),
                    hash: current.getValue('hash'),
                    content_base64: new GlideSysAttachment().getContentBase64(current)
                }
            };
            var message = new sn_ws.RESTMessageV2('{{Js(RestMessageName)}}', 'post');
            message.setRequestBody(JSON.stringify(body));
            var response = message.execute();
            if (response.getStatusCode() != 202) {
                gs.warn('SnConnectPortal: attachment ' + current.getValue('file_name') + ' not accepted: '
                    + response.getStatusCode() + ' ' + response.getBody());
            }
        })(current, previous);
        """;

    /// <summary>The update set as ServiceNow's "Import Update Set from XML" reads it (unload / sys_remote_update_set / sys_update_xml).</summary>
    public string UpdateSetXml()
    {
        var setId = SysId("update-set");
        var stamp = _generatedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var setName = $"SnConnectPortal {ConnectionName} integration";
        var records = new List<(string Table, string SysId, string Name, XElement Record)>();

        var profileId = SysId("auth-profile");
        records.Add(("sys_auth_profile_basic", profileId, AuthProfileName, Record("sys_auth_profile_basic", profileId,
            ("name", AuthProfileName), ("username", UserName), ("password", ""))));

        var messageId = SysId("rest-message");
        records.Add(("sys_rest_message", messageId, RestMessageName, Record("sys_rest_message", messageId,
            ("name", RestMessageName), ("rest_endpoint", ReceiverUrl.ToString()), ("authentication_type", "basic"),
            ("basic_auth_profile", profileId), ("description", "Generated by SnConnectPortal. Paste the receiver password into the Basic auth profile."))));

        foreach (var (function, body) in new[] { ("post", "${body}"), ("test", TestBody) })
        {
            var functionId = SysId("fn-" + function);
            records.Add(("sys_rest_message_fn", functionId, function, Record("sys_rest_message_fn", functionId,
                ("function_name", function), ("rest_message", messageId), ("http_method", "post"), ("rest_endpoint", ReceiverUrl.ToString()),
                ("authentication_type", "inherit_from_parent"), ("content", body))));
            foreach (var (header, value) in new[] { ("Content-Type", "application/json"), ("Accept", "application/json") })
            {
                var headerId = SysId($"fn-{function}-header-{header}");
                records.Add(("sys_rest_message_fn_headers", headerId, header, Record("sys_rest_message_fn_headers", headerId,
                    ("name", header), ("value", value), ("rest_message_function", functionId))));
            }
        }

        foreach (var table in Tables)
        {
            var ruleId = SysId("rule-" + table);
            var name = $"SnConnectPortal {ConnectionName} {table}";
            records.Add(("sys_script", ruleId, name, Record("sys_script", ruleId,
                ("name", name), ("collection", table), ("when", "async"), ("action_insert", "true"), ("action_update", "true"),
                ("active", "true"), ("advanced", "true"), ("order", "100"), ("script", RecordRuleScript()))));
        }

        var attachmentRuleId = SysId("rule-attachment");
        var attachmentRuleName = $"SnConnectPortal {ConnectionName} attachments";
        records.Add(("sys_script", attachmentRuleId, attachmentRuleName, Record("sys_script", attachmentRuleId,
            ("name", attachmentRuleName), ("collection", "sys_attachment"), ("when", "async"), ("action_insert", "true"),
            ("active", "true"), ("advanced", "true"), ("order", "100"),
            ("filter_condition", $"table_nameIN{string.Join(",", Tables)}^EQ"), ("script", AttachmentRuleScript()))));

        var unload = new XElement("unload", new XAttribute("unload_date", stamp),
            new XElement("sys_remote_update_set", new XAttribute("action", "INSERT_OR_UPDATE"),
                new XElement("application", new XAttribute("display_value", "Global"), "global"),
                new XElement("description", $"Sends {string.Join(", ", Tables)} records and their attachments to SnConnectPortal ({ReceiverUrl})."),
                new XElement("name", setName),
                new XElement("origin_sys_id"),
                new XElement("release_date"),
                new XElement("state", "loaded"),
                new XElement("sys_created_by", "snconnectportal"),
                new XElement("sys_created_on", stamp),
                new XElement("sys_id", setId),
                new XElement("update_source"),
                new XElement("update_set")));

        foreach (var (table, sysId, name, record) in records)
        {
            var payload = new XElement("record_update", new XAttribute("table", table), record);
            unload.Add(new XElement("sys_update_xml", new XAttribute("action", "INSERT_OR_UPDATE"),
                new XElement("action", "INSERT_OR_UPDATE"),
                new XElement("application", new XAttribute("display_value", "Global"), "global"),
                new XElement("category", "customer"),
                new XElement("comments"),
                new XElement("name", $"{table}_{sysId}"),
                new XElement("payload", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + payload.ToString(SaveOptions.DisableFormatting)),
                new XElement("remote_update_set", new XAttribute("display_value", setName), setId),
                new XElement("replace_on_upgrade", "false"),
                new XElement("sys_created_by", "snconnectportal"),
                new XElement("sys_created_on", stamp),
                new XElement("sys_id", SysId("update-" + table + sysId)),
                new XElement("table"),
                new XElement("target_name", name),
                new XElement("type", TypeLabel(table)),
                new XElement("update_domain", "global"),
                new XElement("update_set"),
                new XElement("view")));
        }

        var document = new XDocument(new XDeclaration("1.0", "UTF-8", null), unload);
        using var writer = new Utf8StringWriter();
        document.Save(writer);
        return writer.ToString();
    }

    private static XElement Record(string table, string sysId, params (string Name, string Value)[] fields) =>
        new(table, new XAttribute("action", "INSERT_OR_UPDATE"),
            fields.Select(f => new XElement(f.Name, f.Value)),
            new XElement("sys_id", sysId));

    private static string TypeLabel(string table) => table switch
    {
        "sys_script" => "Business Rule",
        "sys_rest_message" => "REST Message",
        "sys_rest_message_fn" => "HTTP Method",
        "sys_rest_message_fn_headers" => "HTTP Header",
        "sys_auth_profile_basic" => "Basic Auth Profile",
        _ => table,
    };

    private string SysId(string what) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(_key + "/" + what)))[..32];

    private static string Js(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)
        .Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal)
        .Replace("</", "<\\/", StringComparison.Ordinal);

    private sealed class Utf8StringWriter : StringWriter
    {
        public Utf8StringWriter()
            : base(CultureInfo.InvariantCulture)
        {
        }

        public override Encoding Encoding => Encoding.UTF8;
    }
}
