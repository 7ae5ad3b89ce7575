using System.Globalization;
using Bogus;
using SnConnectPortal.Sandbox.Configuration;
using SnConnectPortal.Sandbox.Store;
using SnConnectPortal.Sandbox.Tables;

namespace SnConnectPortal.Sandbox.Seeding;

/// <summary>
/// A company's user directory to try importing and mapping on (<c>Sandbox:DemoDirectory=true</c>, which the portal
/// sets when it starts the sandbox beside itself): departments, a few named people that the sample hub-user CSV
/// (samples/hub-users.csv) matches in every way a rule can (and some it nearly matches), and a few hundred more from
/// Bogus with a fixed seed, some inactive, some locked out, some sharing a name or an email. Same data on every start.
/// </summary>
internal static class DemoDirectorySeeder
{
    public const string EmailDomain = "acme.example";
    public const int GeneratedUsers = 300;

    private const int Seed = 20261201;

    public static readonly string[] Departments =
    [
        "Finance", "Human Resources", "IT Service Desk", "Sales", "Marketing", "Legal", "Facilities", "Engineering",
        "Customer Support", "Procurement",
    ];

    private static readonly string[] Titles = ["Engineer", "Analyst", "Manager", "Technician", "Consultant", "Director", "Agent", "Specialist"];

    /// <summary>The people the sample CSV is written against; see README "Try mapping with the sandbox".</summary>
    private static readonly DemoPerson[] NamedPeople =
    [
        new("amelia.hart", "Amelia", "Hart", "amelia.hart@acme.example", "Finance"),
        new("noah.patel", "Noah", "Patel", "noah.patel@acme.example", "Sales"),
        new("olivia.chen", "Olivia", "Chen", "olivia.chen@acme.example", "IT Service Desk"),
        new("liam.obrien", "Liam", "O'Brien", "liam.obrien@acme.example", "Engineering"),
        new("john.smith", "John", "Smith", "john.smith@acme.example", "Sales"),
        new("john.smith2", "John", "Smith", "john.smith2@acme.example", "Marketing"),
        new("maria.garcia", "Maria", "Garcia", "maria.garcia@acme.example", "Legal", Active: false),
        new("chen.wei", "Chen", "Wei", "chen.wei@acme.example", "Engineering", LockedOut: true),
        new("sam.taylor", "Sam", "Taylor", "support@acme.example", "Customer Support"),
        new("alex.kim", "Alex", "Kim", "support@acme.example", "Customer Support"),
        new("sofia.rossi", "Sofia", "Rossi", "sofia.rossi@acme.example", "Human Resources"),
        new("jose.alvarez", "José", "Álvarez", "jose.alvarez@acme.example", "Procurement"),
        new("emma.wilson", "Emma", "Wilson", "emma.wilson@acme.example", "Marketing"),
        new("ben.lee", "Ben", "Lee", "ben.lee@acme.example", "Facilities"),
        new("grace.okafor", "Grace", "Okafor", "grace.okafor@acme.example", "IT Service Desk"),
        new("lucas.martin", "Lucas", "Martin", "lucas.martin@acme.example", "Finance"),
    ];

    public static int UserCount => NamedPeople.Length + GeneratedUsers;

    public static void Apply(InstanceStore store, DateTimeOffset now)
    {
        var created = SandboxClock.Format(now.AddDays(-30));
        var departments = SeedDepartments(store, created);
        var people = NamedPeople.Concat(Generated()).ToList();
        var random = new Random(Seed);
        var userSchema = TableCatalog.Get(TableCatalog.User);
        foreach (var person in people)
        {
            var values = RecordFactory.NewValues(userSchema, SysIds.FromRandom(random), created, "system");
            values["user_name"] = person.UserName;
            values["first_name"] = person.First;
            values["last_name"] = person.Last;
            values["name"] = $"{person.First} {person.Last}";
            values["email"] = person.Email;
            values["title"] = Titles[random.Next(Titles.Length)];
            values["department"] = departments[person.Department];
            values["employee_number"] = random.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
            values["active"] = person.Active ? "true" : "false";
            values["locked_out"] = person.LockedOut ? "true" : "false";
            values["password_needs_reset"] = "false";
            values["web_service_access_only"] = "false";
            values["internal_integration_user"] = "false";
            values["time_zone"] = "Europe/Amsterdam";
            values["preferred_language"] = "en";
            store.Insert(TableCatalog.User, new SnRecord(values));
        }
    }

    private static Dictionary<string, string> SeedDepartments(InstanceStore store, string created)
    {
        var schema = TableCatalog.Get(TableCatalog.Group);
        var random = new Random(Seed + 1);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in Departments)
        {
            var sysId = SysIds.FromRandom(random);
            var values = RecordFactory.NewValues(schema, sysId, created, "system");
            values["name"] = name;
            values["description"] = $"The {name} department";
            values["active"] = "true";
            store.Insert(TableCatalog.Group, new SnRecord(values));
            ids[name] = sysId;
        }

        return ids;
    }

    /// <summary>
    /// People from Bogus: about one in fourteen inactive and one in thirty locked out; every 25th takes the name of
    /// the one before (another person, another user name), every 40th shares the email of the one before (a shared
    /// mailbox), so that suggestions meet ambiguity.
    /// </summary>
    private static IEnumerable<DemoPerson> Generated()
    {
        var faker = new Faker("en") { Random = new Randomizer(Seed) };
        var taken = new HashSet<string>(NamedPeople.Select(p => p.UserName), StringComparer.Ordinal);
        DemoPerson? previous = null;
        for (var i = 1; i <= GeneratedUsers; i++)
        {
            var first = previous is not null && i % 25 == 0 ? previous.First : faker.Name.FirstName();
            var last = previous is not null && i % 25 == 0 ? previous.Last : faker.Name.LastName();
            var userName = UniqueUserName($"{first}.{last}", taken);
            var email = previous is not null && i % 40 == 0 ? previous.Email : $"{userName}@{EmailDomain}";
            var person = new DemoPerson(userName, first, last, email, faker.PickRandom(Departments),
                Active: faker.Random.Int(1, 14) != 1, LockedOut: faker.Random.Int(1, 30) == 1);
            previous = person;
            yield return person;
        }
    }

    private static string UniqueUserName(string name, HashSet<string> taken)
    {
        var plain = new string(name.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c == '.').ToArray());
        var candidate = plain;
        for (var n = 2; !taken.Add(candidate); n++)
        {
            candidate = string.Create(CultureInfo.InvariantCulture, $"{plain}{n}");
        }

        return candidate;
    }

    private sealed record DemoPerson(string UserName, string First, string Last, string Email, string Department, bool Active = true, bool LockedOut = false);
}
