using System.Security.Cryptography;
using System.Text;

namespace SnConnectPortal.ServiceNow;

/// <summary>
/// Everything the client needs to talk to one ServiceNow instance as one identity. Secrets are plain strings in
/// memory only; <see cref="ToString"/> never shows them. Vary with <c>with</c>.
/// </summary>
public sealed record ServiceNowConnectionSettings
{
    public const int DefaultPageSize = 1_000;
    public const int MaxPageSize = 10_000;

    /// <summary>The instance's base URL, e.g. https://acme.service-now.com/.</summary>
    public required Uri InstanceUrl { get; init; }

    public ServiceNowAuthMode AuthMode { get; init; } = ServiceNowAuthMode.Basic;

    public string? UserName { get; init; }

    public string? Password { get; init; }

    public string? ClientId { get; init; }

    public string? ClientSecret { get; init; }

    public string? RefreshToken { get; init; }

    /// <summary>Bound on one HTTP attempt, headers and body.</summary>
    public TimeSpan PerCallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Bound on one operation including all its retries and their waits.</summary>
    public TimeSpan OverallDeadline { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Records per page when paging (sysparm_limit); at most <see cref="MaxPageSize"/>.</summary>
    public int PageSize { get; init; } = DefaultPageSize;

    public ServiceNowRetryLimits Retry { get; init; } = new();

    /// <summary>The problems that make these settings unusable, in words for an administrator; empty when usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!InstanceUrl.IsAbsoluteUri || (InstanceUrl.Scheme != Uri.UriSchemeHttps && InstanceUrl.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add("The instance URL must be an absolute http(s) URL such as https://acme.service-now.com/.");
        }

        if (AuthMode is ServiceNowAuthMode.Basic or ServiceNowAuthMode.OAuthPassword)
        {
            RequireValue(problems, UserName, "a user name");
            RequireValue(problems, Password, "a password");
        }

        if (AuthMode is not ServiceNowAuthMode.Basic)
        {
            RequireValue(problems, ClientId, "an OAuth client id");
            RequireValue(problems, ClientSecret, "an OAuth client secret");
        }

        if (AuthMode is ServiceNowAuthMode.OAuthRefreshToken)
        {
            RequireValue(problems, RefreshToken, "a refresh token");
        }

        if (PageSize is < 1 or > MaxPageSize)
        {
            problems.Add($"The page size must be between 1 and {MaxPageSize:N0}.");
        }

        if (PerCallTimeout <= TimeSpan.Zero || OverallDeadline <= TimeSpan.Zero)
        {
            problems.Add("The per-call timeout and the overall deadline must be positive.");
        }

        if (Retry.MaxRetryAttempts < 0 || Retry.BaseDelay < TimeSpan.Zero || Retry.MaxDelay < Retry.BaseDelay || Retry.MaxRetryAfter < TimeSpan.Zero)
        {
            problems.Add("The retry limits must be non-negative, with the longest delay at least the first delay.");
        }

        return problems;

        void RequireValue(List<string> list, string? value, string what)
        {
            if (string.IsNullOrEmpty(value))
            {
                list.Add($"The {AuthMode} sign-in needs {what}.");
            }
        }
    }

    /// <summary>The instance URL with a trailing slash, so relative API paths resolve under it.</summary>
    internal Uri BaseUri => InstanceUrl.AbsoluteUri.EndsWith('/') ? InstanceUrl : new Uri(InstanceUrl.AbsoluteUri + "/");

    /// <summary>
    /// Who the calls act as, without secrets: instance, auth mode, user and client. Used to share a rate limiter
    /// between every client of the same connection.
    /// </summary>
    public string ConnectionIdentity =>
        $"{InstanceUrl.GetLeftPart(UriPartial.Authority).ToLowerInvariant()}|{AuthMode}|{UserName}|{ClientId}";

    /// <summary>
    /// The identity plus a hash of the secrets and every other setting: two settings with the same fingerprint
    /// can share HTTP handlers and a token cache; a changed password gets a fresh one.
    /// </summary>
    internal string Fingerprint
    {
        get
        {
            var canonical = string.Join('\n', ConnectionIdentity, InstanceUrl.AbsoluteUri, Password, ClientSecret, RefreshToken,
                PerCallTimeout.Ticks, OverallDeadline.Ticks, PageSize, Retry.MaxRetryAttempts, Retry.BaseDelay.Ticks,
                Retry.MaxDelay.Ticks, Retry.MaxRetryAfter.Ticks);
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
        }
    }

    public override string ToString() => $"{InstanceUrl} as {UserName ?? ClientId} ({AuthMode})";
}
