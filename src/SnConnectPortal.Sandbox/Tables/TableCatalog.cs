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
            new("close_code", "Resolution code"),
            new("close_notes", "Resolution notes", MaxLength: 4000),
            new("hold_reason", "On hold reason", FieldType.Integer),
            new("contact_type", "Channel"),
        ]),
        Task(Problem, "PRB", [new("problem_state", "Problem state", FieldType.Integer)]),
        Task(ChangeRequest, "CHG", [new("type", "Type"), new("risk", "Risk", FieldType.Integer)]),
        Task(CatalogTask, "SCTASK", [new("request_item", "Request item")]),
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
