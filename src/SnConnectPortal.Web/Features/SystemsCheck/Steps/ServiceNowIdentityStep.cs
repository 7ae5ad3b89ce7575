using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SnConnectPortal.Web.Features.SystemsCheck.Steps;

/// <summary>
/// The address really is a ServiceNow instance: the Table API, asked without credentials, answers 401 with
/// ServiceNow's JSON error envelope (not a sign-in page, a proxy page or a redirect). Reads the instance's clock
/// from the answer's HTTP Date header for the clock step.
/// </summary>
internal sealed partial class ServiceNowIdentityStep : ISystemsCheckStep
{
    public const string StepKey = "servicenow";

    private const string NotTheInstance =
        "Use the instance's own root address, https://<subdomain>.service-now.com/, not a company portal, SSO or proxy " +
        "address: the REST API answers on the instance itself.";

    public string Key => StepKey;

    public string Name => "Is this a ServiceNow instance";

    public IReadOnlyList<string> DependsOn => [TlsStep.StepKey];

    public async Task<StepOutcome> RunAsync(SystemsCheckContext context, CancellationToken cancellationToken)
    {
        var url = new Uri(context.Settings.InstanceUrl, "api/now/table/sys_user?sysparm_limit=1&sysparm_fields=sys_id");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var sent = context.TimeProvider.GetUtcNow();
        var started = context.TimeProvider.GetTimestamp();
        using var response = await context.Probe.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var roundTrip = context.TimeProvider.GetElapsedTime(started);
        if (response.Headers.Date is { } date)
        {
            context.Clock = (date, sent + (roundTrip / 2), roundTrip);
        }

        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "no content type";
        var server = response.Headers.Server.Count > 0 ? $", Server: {response.Headers.Server}" : "";
        var what = $"GET {url.AbsolutePath} without credentials answered HTTP {status} ({mediaType}{server})";

        if (status is >= 300 and < 400)
        {
            return StepOutcome.Fail($"{what}, a redirect to {response.Headers.Location}: the address is a sign-in or SSO page, not the REST API.", NotTheInstance);
        }

        if (status >= 500)
        {
            return StepOutcome.Fail($"{what}: the instance is failing or unavailable.",
                "The instance is down, in maintenance or being upgraded. Check its status (for a personal developer instance, " +
                "developer.servicenow.com), then run the check again.");
        }

        if (mediaType.Contains("html", StringComparison.OrdinalIgnoreCase))
        {
            var title = Title().Match(body) is { Success: true } match ? $" titled \"{WebUtility.HtmlDecode(match.Groups[1].Value.Trim())}\"" : "";
            return StepOutcome.Fail($"{what}: a web page{title}, not ServiceNow's JSON.",
                "A hibernating personal developer instance answers with a wake-up page: wake it at developer.servicenow.com. " + NotTheInstance);
        }

        var envelope = ErrorEnvelope(body);
        if (status == 401 && envelope is not null)
        {
            var realm = response.Headers.WwwAuthenticate.Count > 0 ? $", WWW-Authenticate: {response.Headers.WwwAuthenticate}" : "";
            return StepOutcome.Pass($"{what} with ServiceNow's error envelope \"{envelope}\"{realm}: the Table API is there and asks for credentials.");
        }

        if (status == 200 && IsResultEnvelope(body))
        {
            return StepOutcome.Warn($"{what} with rows, without asking for credentials.",
                "The Table API answered an anonymous request with sys_user rows. Check the instance's public access settings and " +
                "the ACLs on sys_user: user records should not be readable without signing in.");
        }

        return StepOutcome.Fail($"{what}, which is not how ServiceNow's Table API answers ({(envelope is null ? "no error envelope" : envelope)}).",
            NotTheInstance);
    }

    private static string? ErrorEnvelope(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("message", out var message)
                && message.ValueKind == JsonValueKind.String
                ? message.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsResultEnvelope(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("result", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [GeneratedRegex("<title>(.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Title();
}
