using FluentValidation;
using Microsoft.Extensions.Options;
using SnConnectPortal.Data;
using SnConnectPortal.ServiceNow;
using SnConnectPortal.Web.Features.Connections;

namespace SnConnectPortal.Web.Tests.Connections;

public sealed class ConnectionDraftValidatorTests
{
    private readonly TakenNames _names = new("Acme production");
    private readonly ConnectionDraftValidator _validator;

    public ConnectionDraftValidatorTests() => _validator = new ConnectionDraftValidator(_names, Options.Create(new ConnectionsOptions()));

    [Theory]
    [InlineData("", "Enter a name for this connection")]
    [InlineData("   ", "Enter a name for this connection")]
    [InlineData("Line\nbreak", "cannot contain line breaks")]
    [InlineData("acme PRODUCTION", "Another connection is already named \"acme PRODUCTION\"")]
    [InlineData(" Acme production ", "Another connection is already named \"Acme production\"")]
    public async Task Instance_BadName_IsExplainedNextToTheName(string name, string expected)
    {
        var errors = await ErrorsAsync(Valid() with { Name = name }, WizardSteps.Instance);

        Assert.Contains(expected, Assert.Single(errors, e => e.Property == nameof(ConnectionDraft.Name)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Instance_NameOver100Characters_IsRefused()
    {
        var errors = await ErrorsAsync(Valid() with { Name = new string('n', 101) }, WizardSteps.Instance);

        Assert.Contains(errors, e => e.Message == "A name has at most 100 characters.");
    }

    [Fact]
    public async Task Instance_EditKeepingItsOwnName_IsAccepted()
    {
        _names.OwnerId = 7;

        var errors = await ErrorsAsync(Valid() with { Id = 7, Name = "Acme production" }, WizardSteps.Instance);

        Assert.Empty(errors);
    }

    [Fact]
    public async Task Instance_BadAddress_IsExplainedNextToTheAddress()
    {
        var errors = await ErrorsAsync(Valid() with { InstanceAddress = "http://acme.service-now.com" }, WizardSteps.Instance);

        Assert.Contains("Use https://", Assert.Single(errors, e => e.Property == nameof(ConnectionDraft.InstanceAddress)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Europe/Amsterdam", true)]
    [InlineData("UTC", true)]
    [InlineData("US/Pacific", true)]
    [InlineData("Mars/Olympus_Mons", false)]
    [InlineData("", false)]
    public async Task Instance_TimeZone_MustBeAnIanaName(string timeZone, bool valid)
    {
        var errors = await ErrorsAsync(Valid() with { TimeZone = timeZone }, WizardSteps.Instance);

        Assert.Equal(valid, errors.All(e => e.Property != nameof(ConnectionDraft.TimeZone)));
    }

    [Fact]
    public async Task Instance_UnknownEnvironment_IsRefused()
    {
        var errors = await ErrorsAsync(Valid() with { Environment = "Staging-ish" }, WizardSteps.Instance);

        Assert.Contains(errors, e => e.Message == "Choose Production, Test or Development.");
    }

    [Fact]
    public async Task Authentication_UndefinedMode_IsRefused()
    {
        var errors = await ErrorsAsync(Valid() with { AuthMode = (ServiceNowAuthMode)42 }, WizardSteps.Authentication);

        Assert.Contains(errors, e => e.Message == "Choose how the portal signs in to ServiceNow.");
    }

    public static TheoryData<ServiceNowAuthMode, string[]> RequiredPerMode => new()
    {
        { ServiceNowAuthMode.Basic, ["UserName", "Secret.Password"] },
        { ServiceNowAuthMode.OAuthPassword, ["UserName", "ClientId", "Secret.ClientSecret", "Secret.Password"] },
        { ServiceNowAuthMode.OAuthRefreshToken, ["ClientId", "Secret.ClientSecret", "Secret.RefreshToken"] },
        { ServiceNowAuthMode.OAuthClientCredentials, ["ClientId", "Secret.ClientSecret"] },
    };

    [Theory]
    [MemberData(nameof(RequiredPerMode))]
    public async Task Credentials_Empty_AsksForExactlyThatModesFields(ServiceNowAuthMode mode, string[] expected)
    {
        var errors = await ErrorsAsync(new ConnectionDraft { AuthMode = mode }, WizardSteps.Credentials);

        Assert.Equal(expected.Order(), errors.Select(e => e.Property).Distinct().Order());
    }

    [Fact]
    public async Task Credentials_StoredSecret_SatisfiesTheRuleWithoutANewValue()
    {
        var draft = new ConnectionDraft { AuthMode = ServiceNowAuthMode.Basic, UserName = "snc.integration" };
        draft.StoredSecrets[SecretKind.Password] = new SecretInfo(new DateTime(2026, 11, 21, 0, 0, 0, DateTimeKind.Utc), "ada@example.com");

        Assert.Empty(await ErrorsAsync(draft, WizardSteps.Credentials));
    }

    [Fact]
    public async Task Credentials_OversizedValues_AreRefused()
    {
        var draft = new ConnectionDraft { AuthMode = ServiceNowAuthMode.OAuthPassword, UserName = new string('u', 257), ClientId = new string('c', 257) };
        draft.SetSecret(SecretKind.Password, new string('p', 4097));
        draft.SetSecret(SecretKind.ClientSecret, "fine");

        var errors = await ErrorsAsync(draft, WizardSteps.Credentials);

        Assert.Contains(errors, e => e.Message == "A user ID has at most 256 characters.");
        Assert.Contains(errors, e => e.Message == "A client id has at most 256 characters.");
        Assert.Contains(errors, e => e.Property == "Secret.Password" && e.Message == "A password has at most 4,096 characters.");
    }

    [Theory]
    [InlineData(new string[0], "Choose at least one table to integrate.")]
    [InlineData(new[] { "incident", "cmdb_ci" }, "Choose tables from the list (incident, problem, change_request, sc_task).")]
    public async Task Behaviour_BadTables_AreRefused(string[] tables, string expected)
    {
        var errors = await ErrorsAsync(Valid() with { Tables = [.. tables] }, WizardSteps.Behaviour);

        Assert.Contains(errors, e => e.Property == nameof(ConnectionDraft.Tables) && e.Message == expected);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100_001)]
    public async Task Behaviour_OutOfRangeRateLimit_IsRefused(int rateLimit)
    {
        var errors = await ErrorsAsync(Valid() with { LimitOutboundRate = true, OutboundRateLimitCount = rateLimit }, WizardSteps.Behaviour);

        Assert.Equal(
            (nameof(ConnectionDraft.OutboundRateLimitCount), "The rate limit is between 1 and 100,000 deliveries."),
            Assert.Single(errors));
    }

    [Fact]
    public async Task Behaviour_RateLimitSwitchedOff_IgnoresTheCountItWouldUse()
    {
        var errors = await ErrorsAsync(Valid() with { LimitOutboundRate = false, OutboundRateLimitCount = 0 }, WizardSteps.Behaviour);

        Assert.Empty(errors);
    }

    [Fact]
    public async Task Behaviour_UnknownRatePeriod_IsRefused()
    {
        var errors = await ErrorsAsync(Valid() with { LimitOutboundRate = true, OutboundRateLimitPeriod = (RateLimitPeriod)7 }, WizardSteps.Behaviour);

        Assert.Equal((nameof(ConnectionDraft.OutboundRateLimitPeriod), "Choose a second, a minute or an hour."), Assert.Single(errors));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(1_441)]
    public async Task Behaviour_OutOfRangeSchedule_IsRefused(int minutes)
    {
        var errors = await ErrorsAsync(Valid() with { ScheduleChecks = true, ScheduledCheckMinutes = minutes }, WizardSteps.Behaviour);

        Assert.Equal(
            (nameof(ConnectionDraft.ScheduledCheckMinutes), "Run the Systems Check every 5 to 1,440 minutes (a day)."),
            Assert.Single(errors));
    }

    [Fact]
    public async Task Behaviour_ScheduleSwitchedOff_IgnoresTheMinutesItWouldUse()
    {
        var errors = await ErrorsAsync(Valid() with { ScheduleChecks = false, ScheduledCheckMinutes = 0 }, WizardSteps.Behaviour);

        Assert.Empty(errors);
    }

    [Fact]
    public async Task AllSteps_ValidDraft_HasNoErrors()
    {
        var result = await _validator.ValidateAsync(Valid().Build(), o => o.IncludeRuleSets([.. ConnectionDraftValidator.AllRuleSets]));

        Assert.True(result.IsValid, string.Join(" ", result.Errors));
    }

    private async Task<IReadOnlyList<(string Property, string Message)>> ErrorsAsync(DraftSpec spec, string step) =>
        await ErrorsAsync(spec.Build(), step);

    private async Task<IReadOnlyList<(string Property, string Message)>> ErrorsAsync(ConnectionDraft draft, string step)
    {
        var result = await _validator.ValidateAsync(draft, o => o.IncludeRuleSets(step));
        return result.Errors.Select(e => (e.PropertyName, e.ErrorMessage)).ToList();
    }

    private static DraftSpec Valid() => new();

    /// <summary>A valid Basic draft; tests vary one thing with <c>with</c>.</summary>
    private sealed record DraftSpec
    {
        public long? Id { get; init; }
        public string Name { get; init; } = "Acme test";
        public string InstanceAddress { get; init; } = "acme";
        public string TimeZone { get; init; } = "Europe/Amsterdam";
        public string Environment { get; init; } = "Test";
        public ServiceNowAuthMode AuthMode { get; init; } = ServiceNowAuthMode.Basic;
        public List<string> Tables { get; init; } = ["incident"];
        public bool LimitOutboundRate { get; init; }
        public int OutboundRateLimitCount { get; init; } = 1_000;
        public RateLimitPeriod OutboundRateLimitPeriod { get; init; } = RateLimitPeriod.Hour;
        public bool ScheduleChecks { get; init; }
        public int ScheduledCheckMinutes { get; init; } = 60;

        public ConnectionDraft Build()
        {
            var draft = new ConnectionDraft
            {
                Id = Id,
                Name = Name,
                InstanceAddress = InstanceAddress,
                TimeZone = TimeZone,
                Environment = Environment,
                AuthMode = AuthMode,
                UserName = "snc.integration",
                Tables = Tables,
                LimitOutboundRate = LimitOutboundRate,
                OutboundRateLimitCount = OutboundRateLimitCount,
                OutboundRateLimitPeriod = OutboundRateLimitPeriod,
                ScheduleChecks = ScheduleChecks,
                ScheduledCheckMinutes = ScheduledCheckMinutes,
            };
            draft.SetSecret(SecretKind.Password, "p");
            return draft;
        }
    }

    private sealed class TakenNames(string taken) : IConnectionNames
    {
        public long? OwnerId { get; set; }

        public Task<bool> IsAvailableAsync(string name, long? exceptId, CancellationToken cancellationToken) =>
            Task.FromResult(!string.Equals(name.Trim(), taken, StringComparison.OrdinalIgnoreCase) || (OwnerId is not null && exceptId == OwnerId));
    }
}
