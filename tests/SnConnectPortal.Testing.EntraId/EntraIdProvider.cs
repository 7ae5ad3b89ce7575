using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace SnConnectPortal.Testing.EntraId;

/// <summary>
/// A real OpenID Connect provider (OpenIddict) on a free loopback port, shaped like Microsoft Entra ID's v2 endpoint
/// for one tenant: issuer <c>{Instance}{TenantId}/v2.0</c>, Entra's endpoint paths, RS256-signed ID tokens with
/// <c>tid</c>, <c>oid</c>, <c>preferred_username</c>, <c>name</c>, <c>roles</c> and <c>groups</c>, discovery and JWKS,
/// the authorization code flow and end-session, and a client secret or (as Entra ID takes it) a certificate's client
/// assertion at the token endpoint. The test sets the users and their roles; each sign-in reads them anew.
/// </summary>
public sealed class EntraIdProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SqliteConnection _database;
    private readonly ConcurrentDictionary<string, EntraIdUser> _users;
    private readonly ClientAssertionStep _clientAssertions;
    private int _endSessionRequests;

    private EntraIdProvider(WebApplication app, SqliteConnection database, ConcurrentDictionary<string, EntraIdUser> users, ClientAssertionStep clientAssertions, Uri instance, string tenantId)
    {
        _app = app;
        _database = database;
        _users = users;
        _clientAssertions = clientAssertions;
        Instance = instance;
        TenantId = tenantId;
    }

    /// <summary>e.g. <c>http://127.0.0.1:41234/</c>: the portal's <c>AzureAd:Instance</c>.</summary>
    public Uri Instance { get; }

    public string TenantId { get; }

    /// <summary><c>{Instance}{TenantId}/v2.0</c>, as Entra ID writes it into its tokens.</summary>
    public Uri Issuer => new($"{Instance}{TenantId}/v2.0");

    /// <summary>How many times a browser was sent to the end-session (sign-out) endpoint.</summary>
    public int EndSessionRequests => Volatile.Read(ref _endSessionRequests);

    /// <summary>How many token requests authenticated the app with a certificate's client assertion.</summary>
    public int AcceptedClientAssertions => _clientAssertions.Accepted;

    public static async Task<EntraIdProvider> StartAsync(string tenantId)
    {
        var instance = new Uri($"http://127.0.0.1:{FreePort()}/");
        var issuer = new Uri($"{instance}{tenantId}/v2.0");
        var users = new ConcurrentDictionary<string, EntraIdUser>(StringComparer.OrdinalIgnoreCase);
        var database = new SqliteConnection("Data Source=:memory:");
        await database.OpenAsync();

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(instance.ToString().TrimEnd('/'));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddDbContext<EntraIdProviderDbContext>(options => options.UseSqlite(database).UseOpenIddict());
        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<EntraIdProviderDbContext>())
            .AddServer(server =>
            {
                server.SetIssuer(issuer)
                    .SetConfigurationEndpointUris($"{tenantId}/v2.0/.well-known/openid-configuration")
                    .SetAuthorizationEndpointUris($"{tenantId}/oauth2/v2.0/authorize")
                    .SetTokenEndpointUris($"{tenantId}/oauth2/v2.0/token")
                    .SetJsonWebKeySetEndpointUris($"{tenantId}/discovery/v2.0/keys")
                    .SetEndSessionEndpointUris($"{tenantId}/oauth2/v2.0/logout")
                    .AllowAuthorizationCodeFlow()
                    .RegisterScopes(Scopes.Profile, Scopes.Email, Scopes.OfflineAccess)
                    .AddEphemeralEncryptionKey()
                    .AddEphemeralSigningKey()
                    .DisableAccessTokenEncryption();
                server.UseAspNetCore()
                    .DisableTransportSecurityRequirement()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough();
            });

        var app = builder.Build();
        var clientAssertions = new ClientAssertionStep(issuer, new Uri($"{instance}{tenantId}/oauth2/v2.0/token"));
        app.Use(clientAssertions.InvokeAsync);
        app.UseAuthentication();
        var provider = new EntraIdProvider(app, database, users, clientAssertions, instance, tenantId);
        app.MapMethods($"/{tenantId}/oauth2/v2.0/authorize", [HttpMethods.Get, HttpMethods.Post], provider.Authorize);
        app.MapMethods($"/{tenantId}/oauth2/v2.0/logout", [HttpMethods.Get, HttpMethods.Post], provider.EndSession);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<EntraIdProviderDbContext>().Database.EnsureCreatedAsync();
        }

        await app.StartAsync();

        // Answered once before anyone signs in: the first answer builds OpenIddict's and EF Core's models, which on a
        // loaded machine takes longer than a browser test waits for a click.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        using var discovery = await http.GetAsync(new Uri($"{issuer}/.well-known/openid-configuration"));
        discovery.EnsureSuccessStatusCode();
        return provider;
    }

    /// <summary>Adds or replaces a user (matched by user name): their next sign-in gets tokens with these claims.</summary>
    public void SetUser(EntraIdUser user) => _users[user.UserName] = user;

    /// <summary>
    /// Registers the portal as a confidential client with a client secret, with its redirect URI <c>{portal}signin-oidc</c>
    /// and its post-sign-out URI <c>{portal}signout-callback-oidc</c>, as an Entra administrator registers the app.
    /// </summary>
    public Task RegisterApplicationAsync(string clientId, string clientSecret, Uri portalBaseUrl) => RegisterAsync(clientId, clientSecret, portalBaseUrl);

    /// <summary>As <see cref="RegisterApplicationAsync(string, string, Uri)"/>, with a certificate (its public part) instead of a secret.</summary>
    public Task RegisterApplicationAsync(string clientId, X509Certificate2 certificate, Uri portalBaseUrl) =>
        RegisterAsync(clientId, _clientAssertions.Register(clientId, certificate), portalBaseUrl);

    private async Task RegisterAsync(string clientId, string clientSecret, Uri portalBaseUrl)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        await applications.CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = clientSecret,
            ClientType = ClientTypes.Confidential,
            DisplayName = "SnConnectPortal",
            RedirectUris = { new Uri(portalBaseUrl, "signin-oidc") },
            PostLogoutRedirectUris = { new Uri(portalBaseUrl, "signout-callback-oidc") },
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile,
                Permissions.Scopes.Email,
                Permissions.Prefixes.Scope + Scopes.OfflineAccess,
            },
        });
    }

    private IResult Authorize(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var userName = (string?)request[LoginPage.UserNameField];
        if (userName is null)
        {
            return Results.Content(LoginPage.Render(request, error: null), "text/html");
        }

        if (!_users.TryGetValue(userName, out var user))
        {
            return Results.Content(LoginPage.Render(request, "This account does not exist in the directory."), "text/html");
        }

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.ObjectId)
            .SetClaim("oid", user.ObjectId)
            .SetClaim("tid", user.HomeTenantId ?? TenantId)
            .SetClaim(Claims.PreferredUsername, user.UserName)
            .SetClaim(Claims.Name, user.DisplayName)
            .SetClaims("roles", [.. user.Roles])
            .SetClaims("groups", [.. user.Groups]);
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.IdentityToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private IResult EndSession()
    {
        Interlocked.Increment(ref _endSessionRequests);
        return Results.SignOut(authenticationSchemes: [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
