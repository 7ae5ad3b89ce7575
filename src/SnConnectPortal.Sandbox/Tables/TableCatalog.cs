namespace SnConnectPortal.Sandbox.Tables;

/// <summary>The tables the sandbox serves and their columns (SERVICENOW-API.md section 5).</summary>
internal static class TableCatalog
{
    public const string Incident = "incident";
    public const string Problem = "problem";
    public const string ChangeRequest = "change_request";
    public const string CatalogTask = "sc_task";
    public const string User = "sys_user";
    public const string Group = "sys_user_group";
    public const string GroupMember = "sys_user_grmember";
    public const string Role = "sys_user_role";
    public const string UserRole = "sys_user_has_role";
    public const string Dictionary = "sys_dictionary";
    public const string Choice = "sys_choice";
    public const string Attachment = "sys_attachment";
    public const string Properties = "sys_properties";

    public static readonly IReadOnlyList<TableSchema> All = Build();

    private static readonly Dictionary<string, TableSchema> ByName =
        All.ToDictionary(t => t.Name, StringComparer.Ordinal);

    public static TableSchema? Find(string name) => ByName.GetValueOrDefault(name);

    public static TableSchema Get(string name) => ByName[name];

    public static bool IsTask(string table) => table is Incident or Problem or ChangeRequest or CatalogTask;

    private static List<TableSchema> Build() =>
    [
        Task(Incident, "INC",
        [
            Ref("caller_id", "Caller", User),
            new("incident_state", "Incident state", FieldType.Integer),
            new("category", "Category"),
            new("subcategory", "Subcategory"),
            new("severity", "Severity", FieldType.Integer),
            new("resolved_at", "Resolved", FieldType.GlideDateTime),
            Ref("resolved_by", "Resolved by", User),
            new("close_code", "Resolution code"),
            new("hold_reason", "On hold reason", FieldType.Integer),
            new("notify", "Notify", FieldType.Integer),
            Ref("problem_id", "Problem", Problem),
            Ref("rfc", "Change Request", ChangeRequest),
            Ref("caused_by", "Caused by Change", ChangeRequest),
            Ref("parent_incident", "Parent Incident", Incident),
            new("child_incidents", "Child Incidents", FieldType.Integer),
            new("reopen_count", "Reopen count", FieldType.Integer),
            new("business_impact", "Business impact", MaxLength: 4000),
            new("cause", "Probable cause", MaxLength: 4000),
            new("origin_table", "Origin table", MaxLength: 80),
            new("origin_id", "Origin", MaxLength: 32),
        ]),
        Task(Problem, "PRB",
        [
            new("problem_state", "Problem state", FieldType.Integer),
            new("category", "Category"),
            new("subcategory", "Subcategory"),
            new("known_error", "Known error", FieldType.Boolean),
            Ref("first_reported_by_task", "First reported by", "task"),
            new("related_incidents", "Related Incidents", FieldType.Integer),
            new("cause_notes", "Cause notes", MaxLength: 4000),
            new("fix_notes", "Fix notes", MaxLength: 4000),
            new("workaround", "Workaround", MaxLength: 4000),
            new("resolution_code", "Resolution code"),
        ]),
        Task(ChangeRequest, "CHG",
        [
            new("type", "Type"),
            new("risk", "Risk", FieldType.Integer),
            new("category", "Category"),
            new("reason", "Reason"),
            Ref("requested_by", "Requested by", User),
            new("start_date", "Planned start date", FieldType.GlideDateTime),
            new("end_date", "Planned end date", FieldType.GlideDateTime),
            new("justification", "Justification", MaxLength: 4000),
            new("implementation_plan", "Implementation plan", MaxLength: 4000),
            new("backout_plan", "Backout plan", MaxLength: 4000),
            new("test_plan", "Test plan", MaxLength: 4000),
            new("risk_impact_analysis", "Risk and impact analysis", MaxLength: 4000),
            new("close_code", "Close code"),
            new("on_hold", "On hold", FieldType.Boolean),
            new("cab_required", "CAB required", FieldType.Boolean),
            new("unauthorized", "Unauthorized", FieldType.Boolean),
        ]),
        Task(CatalogTask, "SCTASK", [Ref("request_item", "Request item", "sc_req_item"), Ref("request", "Request", "sc_request")]),
        new TableSchema(User, "name", WithSystemFields(
        [
            new("user_name", "User ID", MaxLength: 100),
            new("first_name", "First name", MaxLength: 50),
            new("last_name", "Last name", MaxLength: 50),
            new("middle_name", "Middle name", MaxLength: 50),
            new("name", "Name", MaxLength: 151),
            new("email", "Email", MaxLength: 100),
            new("title", "Title", MaxLength: 60),
            Ref("department", "Department", Group),
            Ref("manager", "Manager", User),
            new("company", "Company"),
            new("location", "Location"),
            new("phone", "Business phone"),
            new("mobile_phone", "Mobile phone"),
            new("employee_number", "Employee number"),
            new("active", "Active", FieldType.Boolean),
            new("locked_out", "Locked out", FieldType.Boolean),
            new("password_needs_reset", "Password needs reset", FieldType.Boolean),
            new("web_service_access_only", "Web service access only", FieldType.Boolean),
            new("internal_integration_user", "Internal Integration User", FieldType.Boolean),
            new("time_zone", "Time zone"),
            new("preferred_language", "Language", MaxLength: 3),
            new("user_password", "Password", MaxLength: 255, Hidden: true),
        ])),
        new TableSchema(Group, "name", WithSystemFields(
        [
            new("name", "Name", MaxLength: 80),
            new("description", "Description", MaxLength: 1000),
            new("email", "Group email", MaxLength: 100),
            Ref("manager", "Manager", User),
            Ref("parent", "Parent", Group),
            new("type", "Type"),
            new("active", "Active", FieldType.Boolean),
        ])),
        new TableSchema(GroupMember, "user", WithSystemFields([Ref("user", "User", User), Ref("group", "Group", Group)])),
        new TableSchema(Role, "name", WithSystemFields(
        [
            new("name", "Name", MaxLength: 100),
            new("description", "Description", MaxLength: 1000),
            new("elevated_privilege", "Elevated privilege", FieldType.Boolean),
        ])),
        new TableSchema(UserRole, "role", WithSystemFields(
        [
            Ref("user", "User", User),
            Ref("role", "Role", Role),
            new("state", "State"),
            new("inherited", "Inherited", FieldType.Boolean),
        ])),
        new TableSchema(Dictionary, "column_label", WithSystemFields(
        [
            new("name", "Table", MaxLength: 80),
            new("element", "Column name", MaxLength: 80),
            new("column_label", "Column label", MaxLength: 80),
            new("internal_type", "Type"),
            new("max_length", "Max length", FieldType.Integer),
            new("reference", "Reference"),
            new("mandatory", "Mandatory", FieldType.Boolean),
            new("read_only", "Read only", FieldType.Boolean),
            new("active", "Active", FieldType.Boolean),
        ])),
        new TableSchema(Choice, "label", WithSystemFields(
        [
            new("name", "Table", MaxLength: 80),
            new("element", "Element", MaxLength: 80),
            new("value", "Value"),
            new("label", "Label", MaxLength: 100),
            new("sequence", "Sequence", FieldType.Integer),
            new("language", "Language", MaxLength: 3),
            new("inactive", "Inactive", FieldType.Boolean),
        ])),
        new TableSchema(Attachment, "file_name", WithSystemFields(
        [
            new("table_name", "Table name", MaxLength: 100),
            new("table_sys_id", "Table sys ID", MaxLength: 32),
            new("file_name", "File name", MaxLength: 100),
            new("content_type", "Content type", MaxLength: 100),
            new("size_bytes", "Size bytes", FieldType.Integer),
            new("size_compressed", "Size compressed", FieldType.Integer),
            new("compressed", "Compressed", FieldType.Boolean),
            new("hash", "Hash", MaxLength: 64),
            new("state", "State"),
            new("chunk_size_bytes", "Chunk size bytes"),
            new("image_height", "Image height"),
            new("image_width", "Image width"),
            new("average_image_color", "Average image color"),
        ])),
        new TableSchema(Properties, "name", WithSystemFields(
        [
            new("name", "Name", MaxLength: 100),
            new("value", "Value", MaxLength: 4000),
            new("description", "Description", MaxLength: 512),
            new("type", "Type"),
        ])),
    ];

    private static TableSchema Task(string name, string prefix, IEnumerable<FieldDefinition> ownFields) =>
        new(name, "number", WithSystemFields(
        [
            new("number", "Number"),
            new("short_description", "Short description", MaxLength: 160),
            new("description", "Description", MaxLength: 4000),
            new("state", "State", FieldType.Integer),
            new("impact", "Impact", FieldType.Integer),
            new("urgency", "Urgency", FieldType.Integer),
            new("priority", "Priority", FieldType.Integer),
            new("active", "Active", FieldType.Boolean),
            Ref("assignment_group", "Assignment group", Group),
            Ref("assigned_to", "Assigned to", User),
            new("opened_at", "Opened", FieldType.GlideDateTime),
            Ref("opened_by", "Opened by", User),
            new("closed_at", "Closed", FieldType.GlideDateTime),
            Ref("closed_by", "Closed by", User),
            new("close_notes", "Close notes", MaxLength: 4000),
            new("contact_type", "Contact type"),
            new("comments", "Additional comments", MaxLength: 4000),
            new("work_notes", "Work notes", MaxLength: 4000),
            new("work_notes_list", "Work notes list", MaxLength: 4000),
            new("watch_list", "Watch list", MaxLength: 4000),
            new("additional_assignee_list", "Additional assignee list", MaxLength: 4000),
            new("group_list", "Group list", MaxLength: 4000),
            Ref("cmdb_ci", "Configuration item", "cmdb_ci"),
            Ref("business_service", "Service", "cmdb_ci_service"),
            Ref("service_offering", "Service offering", "service_offering"),
            Ref("company", "Company", "core_company"),
            Ref("location", "Location", "cmn_location"),
            Ref("parent", "Parent", "task"),
            new("due_date", "Due date", FieldType.GlideDateTime),
            new("expected_start", "Expected start", FieldType.GlideDateTime),
            new("work_start", "Actual start", FieldType.GlideDateTime),
            new("work_end", "Actual end", FieldType.GlideDateTime),
            new("follow_up", "Follow up", FieldType.GlideDateTime),
            new("approval", "Approval"),
            new("escalation", "Escalation", FieldType.Integer),
            new("reassignment_count", "Reassignment count", FieldType.Integer),
            new("order", "Order", FieldType.Integer),
            new("made_sla", "Made SLA", FieldType.Boolean),
            new("knowledge", "Knowledge", FieldType.Boolean),
            new("user_input", "User input", MaxLength: 4000),
            new("task_effective_number", "Effective number"),
            new("correlation_id", "Correlation ID", MaxLength: 100),
            new("correlation_display", "Correlation display", MaxLength: 100),
            new("sys_class_name", "Task type", MaxLength: 80),
            new("sys_domain", "Domain", MaxLength: 32),
            .. ownFields,
        ]), prefix);

    private static FieldDefinition Ref(string name, string label, string table) =>
        new(name, label, FieldType.Reference, 32, table);

    private static IEnumerable<FieldDefinition> WithSystemFields(IEnumerable<FieldDefinition> fields) =>
    [
        .. fields,
        new("sys_id", "Sys ID", MaxLength: 32),
        new("sys_created_on", "Created", FieldType.GlideDateTime),
        new("sys_created_by", "Created by"),
        new("sys_updated_on", "Updated", FieldType.GlideDateTime),
        new("sys_updated_by", "Updated by"),
        new("sys_mod_count", "Updates", FieldType.Integer),
        new("sys_tags", "Tags"),
    ];
}
