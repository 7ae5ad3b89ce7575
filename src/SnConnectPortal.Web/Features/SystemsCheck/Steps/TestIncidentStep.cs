using System.Globalization;
using SnConnectPortal.Data;
using SnConnectPortal.ServiceNow.Errors;

namespace SnConnectPortal.Web.Features.SystemsCheck.Steps;

/// <summary>
/// The check's only write, and only when the administrator ticked "Also create a test incident": one incident,
/// whose number is linked to the record in ServiceNow.
/// </summary>
internal sealed class TestIncidentStep : ISystemsCheckStep, ITableStep
{
    public const string StepKey = "test-incident";

    public string Table => "incident";

    public string Key => StepKey;

    public string Name => "Test incident";

    public IReadOnlyList<string> DependsOn => [AuthenticationStep.StepKey];

    public async Task<StepOutcome> RunAsync(SystemsCheckContext context, CancellationToken cancellationToken)
    {
        if (!context.Request.CreateTestIncident)
        {
            return StepOutcome.NotApplicable("Not requested: this check wrote nothing to ServiceNow. Tick \"Also create a test incident\" to prove the write path too.");
        }

        var now = context.TimeProvider.GetUtcNow();
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["short_description"] = "SnConnectPortal Systems Check test incident",
            ["description"] = string.Create(CultureInfo.InvariantCulture,
                $"Created by the SnConnectPortal Systems Check at {now:yyyy-MM-dd HH:mm:ss} UTC to prove that the integration user can create incidents. It can be closed."),
            ["correlation_id"] = string.Create(CultureInfo.InvariantCulture, $"sncp-systems-check-{now:yyyyMMddHHmmss}"),
            ["impact"] = "3",
            ["urgency"] = "3",
        };
        try
        {
            var created = context.Observe(await context.Client.CreateAsync(Table, fields, cancellationToken), r => r.Response);
            var record = created.Value;
            var link = new Uri(context.Settings.InstanceUrl, $"nav_to.do?uri=incident.do%3Fsys_id%3D{Uri.EscapeDataString(record.SysId)}");
            return new StepOutcome(CheckOutcome.Pass,
                $"Created {record["number"]} (sys_id {record.SysId}) in incident as '{context.Identity}' (HTTP {created.Response.StatusCode}).", null, link, record["number"]);
        }
        catch (ServiceNowException exception) when (exception.Kind == ServiceNowErrorKind.Forbidden)
        {
            return StepOutcome.Fail(
                $"ServiceNow refused the insert: {SystemsCheckRemedies.Describe(exception.Error)}. Reading may work, but the hub cannot create incidents.",
                $"{SystemsCheckRemedies.UserForm} '{context.Identity}', Roles tab > Edit…, and add itil (or incident_manager), which may create incidents. " +
                "Without a role, elevate to security_admin and add an Access Control (ACL): Type record, Operation create, Name incident " +
                "(or task), for a role the user has; and one for write, as the incident.io guide does for task.");
        }
    }
}
