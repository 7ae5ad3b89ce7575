using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using SnConnectPortal.ServiceNow;
using SnConnectPortal.ServiceNow.Errors;
using SnConnectPortal.ServiceNow.Queries;
using SnConnectPortal.Web.Features.Connections;

namespace SnConnectPortal.Web.Features.SystemsCheck.Steps;

/// <summary>
/// Signs in the way the connection will: Basic on the Table API, or the OAuth grant of its mode on /oauth_token.do
/// (and, for the password grant, the refresh grant with the refresh token it returns), then one API call with it.
/// When the password grant is refused, the same user and password are tried with Basic to tell a bad OAuth client
/// from a bad account, since ServiceNow gives the same 401 for both.
/// </summary>
internal sealed class AuthenticationStep : ISystemsCheckStep
{
    public const string StepKey = "auth";

    private static readonly TableQuery OneUser = new() { Fields = ["sys_id"], PageSize = 1 };

    public string Key => StepKey;

    public string Name => "Sign-in";

    public IReadOnlyList<string> DependsOn => [ServiceNowIdentityStep.StepKey];

    public async Task<StepOutcome> RunAsync(SystemsCheckContext context, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var mode = AuthModes.Label(settings.AuthMode);
        if (settings.Validate() is { Count: > 0 } problems)
        {
            return StepOutcome.Fail($"The {mode} sign-in cannot be tried: {string.Join(" ", problems)}",
                "Enter the missing values in step 3 of the wizard (Credentials), then run the check again.");
        }

        if (settings.AuthMode == ServiceNowAuthMode.Basic)
        {
            var page = context.Observe(await context.Client.QueryPageAsync("sys_user", OneUser, 0, cancellationToken), p => p.Response);
            return StepOutcome.Pass($"ServiceNow accepted user '{settings.UserName}' with Basic authentication (HTTP {page.Response.StatusCode} on the Table API).");
        }

        var seen = new List<string>();
        switch (settings.AuthMode)
        {
            case ServiceNowAuthMode.OAuthPassword:
            {
                var grant = await RequestTokenAsync(context, "password", cancellationToken);
                if (!grant.Succeeded)
                {
                    return await DiagnosePasswordGrantAsync(context, grant, cancellationToken);
                }

                seen.Add($"The password grant for client '{settings.ClientId}' and user '{settings.UserName}' returned an access token ({grant.Lifetime}).");
                if (grant.RefreshToken is null)
                {
                    return StepOutcome.Warn(string.Join(" ", seen) + " It returned no refresh token.",
                        "The portal will sign in with the password again every time the token expires, which works. To let it refresh " +
                        "instead, check that the Application Registry entry's Refresh Token Lifespan is not 0.");
                }

                var refresh = await RequestTokenAsync(context, "refresh_token", cancellationToken, grant.RefreshToken);
                if (!refresh.Succeeded)
                {
                    return StepOutcome.Warn(string.Join(" ", seen) + $" Refreshing it with the returned refresh token was refused ({refresh.Failure}).",
                        "The portal will sign in with the password again when the token expires. Check the Refresh Token Lifespan of the " +
                        "System OAuth > Application Registry entry (100 days by default; 0 turns refreshing off).");
                }

                seen.Add("Refreshing it with the returned refresh token works.");
                break;
            }

            case ServiceNowAuthMode.OAuthRefreshToken:
            {
                var refresh = await RequestTokenAsync(context, "refresh_token", cancellationToken, settings.RefreshToken);
                if (!refresh.Succeeded)
                {
                    return StepOutcome.Fail($"The refresh grant with the configured refresh token was refused: {refresh.Failure}.",
                        $"{SystemsCheckRemedies.RefreshTokenExpired} If the token is new, {LowerFirst(SystemsCheckRemedies.OAuthClient(settings.ClientId))}");
                }

                seen.Add($"The refresh grant with the configured refresh token returned an access token ({refresh.Lifetime}).");
                break;
            }

            default:
            {
                var grant = await RequestTokenAsync(context, "client_credentials", cancellationToken);
                if (!grant.Succeeded)
                {
                    return StepOutcome.Fail($"The client credentials grant for client '{settings.ClientId}' was refused: {grant.Failure}.",
                        $"{SystemsCheckRemedies.ClientCredentials} {SystemsCheckRemedies.OAuthClient(settings.ClientId)}");
                }

                seen.Add($"The client credentials grant for client '{settings.ClientId}' returned an access token ({grant.Lifetime}).");
                break;
            }
        }

        var api = context.Observe(await context.Client.QueryPageAsync("sys_user", OneUser, 0, cancellationToken), p => p.Response);
        seen.Add($"The Table API accepts the Bearer token (HTTP {api.Response.StatusCode}).");
        return StepOutcome.Pass(string.Join(" ", seen));
    }

    private static async Task<StepOutcome> DiagnosePasswordGrantAsync(SystemsCheckContext context, TokenAnswer grant, CancellationToken cancellationToken)
    {
        var settings = context.Settings;
        var refused = $"The password grant for client '{settings.ClientId}' and user '{settings.UserName}' was refused: {grant.Failure}.";
        try
        {
            var basic = context.BoundedSettings with { AuthMode = ServiceNowAuthMode.Basic, ClientId = null, ClientSecret = null };
            await context.ClientFor(basic).QueryPageAsync("sys_user", OneUser, 0, cancellationToken);
        }
        catch (ServiceNowException exception) when (exception.Kind == ServiceNowErrorKind.Unauthorized)
        {
            return StepOutcome.Fail($"{refused} The same user and password are refused with Basic authentication too, so the account or password is the problem.",
                $"{SystemsCheckRemedies.AccountCannotSignIn(settings.UserName!)} Then check the OAuth client as well: " +
                LowerFirst(SystemsCheckRemedies.OAuthClient(settings.ClientId)));
        }

        return StepOutcome.Fail($"{refused} The same user and password are accepted with Basic authentication, so the OAuth client is the problem: " +
            "it is missing, inactive, its secret differs, or the password grant is switched off.",
            $"{SystemsCheckRemedies.OAuthClient(settings.ClientId)} {SystemsCheckRemedies.PasswordGrantDisabled}");
    }

    private static async Task<TokenAnswer> RequestTokenAsync(
        SystemsCheckContext context, string grantType, CancellationToken cancellationToken, string? refreshToken = null)
    {
        var settings = context.Settings;
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", grantType),
            new("client_id", settings.ClientId ?? ""),
            new("client_secret", settings.ClientSecret ?? ""),
        };
        if (grantType == "password")
        {
            form.Add(new("username", settings.UserName ?? ""));
            form.Add(new("password", settings.Password ?? ""));
        }
        else if (grantType == "refresh_token")
        {
            form.Add(new("refresh_token", refreshToken ?? ""));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.InstanceUrl, "oauth_token.do"))
        {
            Content = new FormUrlEncodedContent(form),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await context.Probe.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var status = (int)response.StatusCode;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (response.IsSuccessStatusCode && root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("access_token", out var access) && access.ValueKind == JsonValueKind.String)
            {
                var lifetime = root.TryGetProperty("expires_in", out var expires) ? $"expires in {expires} s" : "no expires_in";
                var refresh = root.TryGetProperty("refresh_token", out var r) && r.ValueKind == JsonValueKind.String && r.GetString() is { Length: > 0 } value
                    ? value
                    : null;
                return new TokenAnswer(true, lifetime, refresh, null);
            }

            var error = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var e) ? e.ToString() : null;
            var description = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error_description", out var d) ? d.ToString() : null;
            return new TokenAnswer(false, null, null,
                string.Create(CultureInfo.InvariantCulture, $"HTTP {status} error \"{error}\", error_description \"{description}\" on POST /oauth_token.do"));
        }
        catch (JsonException)
        {
            return new TokenAnswer(false, null, null, $"HTTP {status} on POST /oauth_token.do, not JSON ({response.Content.Headers.ContentType?.MediaType})");
        }
    }

    private static string LowerFirst(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];

    /// <summary>A token answer without the token itself: only whether one came, how long it lives, and any refresh token.</summary>
    private sealed record TokenAnswer(bool Succeeded, string? Lifetime, string? RefreshToken, string? Failure);
}
