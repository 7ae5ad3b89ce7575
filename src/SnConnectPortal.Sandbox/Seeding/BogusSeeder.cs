using System.Globalization;
using Bogus;
using SnConnectPortal.Sandbox.Store;
using SnConnectPortal.Sandbox.Tables;

namespace SnConnectPortal.Sandbox.Seeding;

/// <summary>Fills the store with extra (fake) users, groups and incidents; the same seed gives the same data.</summary>
internal static class BogusSeeder
{
    private static readonly string[] Categories = ["inquiry", "software", "hardware", "network", "database", "security"];
    private static readonly string[] Titles = ["Engineer", "Analyst", "Manager", "Technician", "Consultant", "Director"];

    public static void Apply(InstanceStore store, SeedCounts counts, int seed, DateTimeOffset now)
    {
        var faker = new Faker("en") { Random = new Randomizer(seed) };
        var random = new Random(seed);
        var userIds = SeedUsers(store, faker, random, counts.Users, now);
        var groupIds = SeedGroups(store, faker, random, counts.Groups, userIds, now);
        SeedIncidents(store, faker, random, counts.Incidents, userIds, groupIds, now);
    }

    private static List<string> SeedUsers(InstanceStore store, Faker faker, Random random, int count, DateTimeOffset now)
    {
        var schema = TableCatalog.Get(TableCatalog.User);
        var ids = new List<string>(count);
        for (var i = 1; i <= count; i++)
        {
            var first = faker.Name.FirstName();
            var last = faker.Name.LastName();
            var userName = string.Create(CultureInfo.InvariantCulture, $"{first}.{last}.{i}").ToLowerInvariant();
            var created = Timestamp(now, random);
            var sysId = SysIds.FromRandom(random);
            var values = RecordFactory.NewValues(schema, sysId, created, "system");
            values["user_name"] = userName;
            values["first_name"] = first;
            values["last_name"] = last;
            values["name"] = $"{first} {last}";
            values["email"] = $"{userName}@example.com";
            values["title"] = Titles[random.Next(Titles.Length)];
            values["phone"] = faker.Phone.PhoneNumber("+1 ###-###-####");
            values["employee_number"] = i.ToString("D6", CultureInfo.InvariantCulture);
            values["active"] = random.Next(20) == 0 ? "false" : "true";
            values["locked_out"] = "false";
            values["password_needs_reset"] = "false";
            values["web_service_access_only"] = "false";
            values["internal_integration_user"] = "false";
            values["time_zone"] = "GMT";
            values["preferred_language"] = "en";
            store.Insert(TableCatalog.User, new SnRecord(values), extra: true);
            ids.Add(sysId);
        }

        return ids;
    }

    private static List<string> SeedGroups(
        InstanceStore store, Faker faker, Random random, int count, List<string> userIds, DateTimeOffset now)
    {
        var schema = TableCatalog.Get(TableCatalog.Group);
        var memberSchema = TableCatalog.Get(TableCatalog.GroupMember);
        var ids = new List<string>(count);
        for (var i = 1; i <= count; i++)
        {
            var created = Timestamp(now, random);
            var sysId = SysIds.FromRandom(random);
            var values = RecordFactory.NewValues(schema, sysId, created, "system");
            values["name"] = string.Create(CultureInfo.InvariantCulture, $"{faker.Commerce.Department()} {i}");
            values["description"] = faker.Company.CatchPhrase();
            values["active"] = "true";
            values["manager"] = userIds.Count > 0 ? userIds[random.Next(userIds.Count)] : "";
            store.Insert(TableCatalog.Group, new SnRecord(values), extra: true);
            ids.Add(sysId);

            for (var m = 0; m < Math.Min(5, userIds.Count); m++)
            {
                var member = RecordFactory.NewValues(memberSchema, SysIds.FromRandom(random), created, "system");
                member["user"] = userIds[random.Next(userIds.Count)];
                member["group"] = sysId;
                store.Insert(TableCatalog.GroupMember, new SnRecord(member), extra: true);
            }
        }

        return ids;
    }

    private static void SeedIncidents(InstanceStore store, Faker faker, Random random, int count,
        List<string> userIds, List<string> groupIds, DateTimeOffset now)
    {
        var schema = TableCatalog.Get(TableCatalog.Incident);
        for (var i = 0; i < count; i++)
        {
            var created = Timestamp(now, random);
            var values = RecordFactory.NewValues(schema, SysIds.FromRandom(random), created, "system");
            var impact = random.Next(1, 4);
            var urgency = random.Next(1, 4);
            var state = random.Next(4) switch { 0 => "2", 1 => "6", _ => "1" };
            values["number"] = TaskNumbers.Format("INC", store.NextNumber("INC", TaskNumbers.Start("INC")));
            values["short_description"] = faker.Hacker.Phrase();
            values["description"] = faker.Lorem.Sentence(12);
            values["caller_id"] = userIds.Count > 0 ? userIds[random.Next(userIds.Count)] : FixedSeed.AdminSysId;
            values["assignment_group"] = groupIds.Count > 0 ? groupIds[random.Next(groupIds.Count)] : "";
            values["category"] = Categories[random.Next(Categories.Length)];
            values["impact"] = impact.ToString(CultureInfo.InvariantCulture);
            values["urgency"] = urgency.ToString(CultureInfo.InvariantCulture);
            values["priority"] = PriorityMatrix.Priority(impact, urgency).ToString(CultureInfo.InvariantCulture);
            values["severity"] = "3";
            values["state"] = state;
            values["incident_state"] = state;
            values["active"] = state == "6" ? "false" : "true";
            values["opened_at"] = created;
            values["opened_by"] = FixedSeed.AdminSysId;
            values["sys_class_name"] = TableCatalog.Incident;
            values["sys_domain"] = "global";
            store.Insert(TableCatalog.Incident, new SnRecord(values), extra: true);
        }
    }

    private static string Timestamp(DateTimeOffset now, Random random) =>
        SnConnectPortal.Sandbox.Configuration.SandboxClock.Format(now.AddSeconds(-random.Next(1, 365 * 24 * 3600)));
}
