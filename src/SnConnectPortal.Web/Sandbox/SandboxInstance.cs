using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using SnConnectPortal.Data;
using SnConnectPortal.ServiceNow;
using SnConnectPortal.Web.Features.Connections;

namespace SnConnectPortal.Web.Sandbox;

/// <summary>
/// The configured sandbox instance, for the wizard's "use the sandbox instance": whether it answers, and its demo
/// credentials for each auth mode. A refresh token is obtained from the sandbox with a password grant, exactly as an
/// administrator would from ServiceNow.
/// </summary>
public sealed class SandboxInstance(IHttpClientFactory httpClientFactory, IOptions<SandboxOptions> options)
{
    public const string HttpClientName = "Sandbox";

    public Uri? Url => options.Value.Url;

    public async Task<bool> IsAvailableAsync(CancellationToken cancellationToken)
    {
        if (Url is null)
        {
            return false;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            using var response = await Client().GetAsync(new Uri(Url, "sandbox/health"), timeout.Token);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Fills the draft's instance step with the sandbox's address.</summary>
    public void FillInstance(ConnectionDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (string.IsNullOrWhiteSpace(draft.Name))
        {
            draft.Name = "Sandbox";
        }

        draft.InstanceAddress = Url?.AbsoluteUri ?? "";
        draft.TimeZone = "UTC";
        draft.Environment = "Test";
    }

    /// <summary>Fills the draft's credentials for its auth mode with the sandbox's demo identities.</summary>
    public async Task FillCredentialsAsync(ConnectionDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (SecretKinds.NeedsUserName(draft.AuthMode))
        {
            draft.UserName = SandboxDemoAccount.UserName;
            draft.SetSecret(SecretKind.Password, SandboxDemoAccount.Password);
        }

        if (SecretKinds.NeedsClientId(draft.AuthMode))
        {
            draft.ClientId = SandboxDemoAccount.ClientId;
            draft.SetSecret(SecretKind.ClientSecret, SandboxDemoAccount.ClientSecret);
        }

        if (draft.AuthMode == ServiceNowAuthMode.OAuthRefreshToken)
        {
            draft.SetSecret(SecretKind.RefreshToken, await RequestRefreshTokenAsync(cancellationToken));
        }
    }

    private async Task<string> RequestRefreshTokenAsync(CancellationToken cancellationToken)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = SandboxDemoAccount.ClientId,
            ["client_secret"] = SandboxDemoAccount.ClientSecret,
            ["username"] = SandboxDemoAccount.UserName,
            ["password"] = SandboxDemoAccount.Password,
        });
        using var response = await Client().PostAsync(new Uri(Url!, "oauth_token.do"), form, cancellationToken);
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenAnswer>(cancellationToken);
        return token?.RefreshToken ?? throw new InvalidOperationException("The sandbox answered the password grant without a refresh token.");
    }

    private HttpClient Client() => httpClientFactory.CreateClient(HttpClientName);

    private sealed record TokenAnswer([property: JsonPropertyName("refresh_token")] string? RefreshToken);
}
