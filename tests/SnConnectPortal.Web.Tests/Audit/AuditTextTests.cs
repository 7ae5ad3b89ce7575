using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.Administration;

namespace SnConnectPortal.Web.Tests.Audit;

/// <summary>Audit entries in words: names instead of ids, labels instead of property names, from → to.</summary>
public sealed class AuditTextTests
{
    private static AuditEntry Entry(string action, string entityType, string? entityId, string? details) => new()
    {
        Id = 1, OccurredAt = new DateTime(2026, 12, 1, 5, 0, 0, DateTimeKind.Utc), Actor = "ada@example.com",
        Action = action, EntityType = entityType, EntityId = entityId, Details = details,
    };

    [Fact]
    public void Describe_AnAcceptedMapping_NamesTheHubUserTheConnectionAndBothServiceNowUsers()
    {
        var names = new AuditNames();
        names.Connections[3] = "Acme production";
        names.HubUsers[7] = "Ada L.";
        names.ServiceNowUsers[41] = "Ada Lovelace (ada.lovelace)";
        var entry = Entry("usermapping.accepted", "UserMapping", "3:7",
            """{"connectionId":3,"hubUserId":7,"from":null,"to":41,"method":"Email","confidence":100}""");

        var row = AuditText.Describe(entry, names);

        Assert.Equal("Suggested mapping accepted", row.Action);
        Assert.Equal("Hub user Ada L. on “Acme production”", row.What);
        Assert.Equal(["ServiceNow user: (none) → Ada Lovelace (ada.lovelace)", "Method: Email", "Confidence: 100%"], row.Details);
    }

    [Fact]
    public void Describe_AChangedFieldMapping_NamesTableAndConnection_AndEachRuleFromTo()
    {
        var names = new AuditNames();
        names.Connections[3] = "IONIX";
        var entry = Entry("fieldmapping.changed", "FieldMapping", "12",
            """{"connectionId":3,"table":"incident","preset":null,"changes":[{"Field":"Threshold","From":"urgency at least 7.0","To":"urgency at least 9.0"}]}""");

        var row = AuditText.Describe(entry, names);

        Assert.Equal("Field mapping changed", row.Action);
        Assert.Equal("Field mapping of incident on “IONIX”", row.What);
        Assert.Equal(["Threshold: urgency at least 7.0 → urgency at least 9.0"], row.Details);
    }

    [Fact]
    public void Describe_AChangedConnection_ListsEachFieldFromTo_WithoutJsonOrIds()
    {
        var names = new AuditNames();
        names.Connections[3] = "Acme prod";
        var entry = Entry("connection.changed", "Connection", "3",
            """{"name":"Acme prod","changes":[{"Field":"Name","From":"Acme","To":"Acme prod"},{"Field":"InstanceUrl","From":"https://a.service-now.com/","To":"https://b.service-now.com/"}],"secrets":["Password replaced"],"status":"Draft"}""");

        var row = AuditText.Describe(entry, names);

        Assert.Equal("Connection “Acme prod”", row.What);
        Assert.Equal(
            ["Name: Acme → Acme prod", "Instance URL: https://a.service-now.com/ → https://b.service-now.com/", "Secrets: Password replaced", "Status: Draft"],
            row.Details);
    }

    [Fact]
    public void Describe_RetentionAndRole_SayWhatChanged()
    {
        var retention = AuditText.Describe(Entry("settings.retention.changed", "PortalSetting", "Messages.RetentionDays", """{"from":30,"to":7}"""), AuditNames.None);
        var names = new AuditNames();
        names.PortalUsers["b5c1"] = "otto@example.com";
        var role = AuditText.Describe(Entry("user.role-changed", "PortalUser", "b5c1", """{"from":"Viewer","to":"Operator"}"""), names);

        Assert.Equal(("Message retention", "Days kept (0 = for ever): 30 → 7"), (retention.What, Assert.Single(retention.Details)));
        Assert.Equal(("Portal user otto@example.com", "Role: Viewer → Operator"), (role.What, Assert.Single(role.Details)));
    }

    [Fact]
    public void Describe_AConnectionDeletedSince_FallsBackToTheRecordedName()
    {
        var row = AuditText.Describe(Entry("connection.deleted", "Connection", "9", """{"name":"Old one","instanceUrl":"https://old.service-now.com/"}"""), AuditNames.None);

        Assert.Equal(("Connection deleted", "Connection “Old one”"), (row.Action, row.What));
        Assert.Equal(["Instance URL: https://old.service-now.com/"], row.Details);
    }
}
