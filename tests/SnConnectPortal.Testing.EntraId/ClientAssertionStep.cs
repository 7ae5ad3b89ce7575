using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SnConnectPortal.Testing.EntraId;

/// <summary>
/// Certificate credentials as Entra ID accepts them, in front of OpenIddict's token endpoint. OpenIddict 7 takes only
/// assertions typed <c>client-authentication+jwt</c> for its issuer, while Entra ID (and MSAL) use <c>typ</c> JWT for the
/// token endpoint. This step checks a <c>client_assertion</c> the way Entra ID does (signed with the app's registered
/// certificate, <c>iss</c> = <c>sub</c> = the client id, <c>aud</c> the token endpoint or the issuer, within
/// <c>nbf</c>..<c>exp</c>, a <c>jti</c> used once), then hands OpenIddict the app's provider-internal secret instead;
/// a refused assertion is a 401 <c>invalid_client</c>, as from Entra ID.
/// </summary>
internal sealed class ClientAssertionStep(Uri issuer, Uri tokenEndpoint)
{
    private const string JwtBearer = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private readonly ConcurrentDictionary<string, RegisteredClient> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTime> _usedAssertionIds = new(StringComparer.Ordinal);
    private int _accepted;

    /// <summary>How many client assertions were accepted.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <returns>The secret OpenIddict knows the app by; it never leaves the provider.</returns>
    public string Register(string clientId, X509Certificate2 certificate)
    {
        var internalSecret = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        _clients[clientId] = new RegisteredClient(X509CertificateLoader.LoadCertificate(certificate.RawData), internalSecret);
        return internalSecret;
    }

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || context.Request.Path != tokenEndpoint.AbsolutePath || !context.Request.HasFormContentType)
        {
            await next(context);
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form["client_assertion_type"] != JwtBearer)
        {
            await next(context);
            return;
        }

        var (clientId, refusal) = await ValidateAsync(form["client_assertion"].ToString(), form["client_id"].ToString());
        if (refusal is not null)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsJsonAsync(new Dictionary<string, string> { ["error"] = "invalid_client", ["error_description"] = refusal }, context.RequestAborted);
            return;
        }

        var fields = form.Where(field => field.Key is not ("client_assertion" or "client_assertion_type")).ToDictionary(field => field.Key, field => field.Value);
        fields["client_id"] = clientId;
        fields["client_secret"] = _clients[clientId!].InternalSecret;
        context.Request.Form = new FormCollection(fields);
        Interlocked.Increment(ref _accepted);
        await next(context);
    }

    private async Task<(string? ClientId, string? Refusal)> ValidateAsync(string assertion, string requestClientId)
    {
        var handler = new JsonWebTokenHandler();
        if (!handler.CanReadToken(assertion))
        {
            return (null, "The client assertion is not a JWT.");
        }

        var clientId = handler.ReadJsonWebToken(assertion).Issuer;
        if (!_clients.TryGetValue(clientId, out var client))
        {
            return (null, $"No application with client id '{clientId}' has a certificate registered.");
        }

        var result = await handler.ValidateTokenAsync(assertion, new TokenValidationParameters
        {
            ValidIssuer = clientId,
            ValidAudiences = [tokenEndpoint.AbsoluteUri, issuer.AbsoluteUri],
            IssuerSigningKey = new X509SecurityKey(client.Certificate),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSsaPssSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromMinutes(1),
        });
        if (!result.IsValid)
        {
            return (null, $"The client assertion is not valid: {result.Exception?.Message}");
        }

        var token = (JsonWebToken)result.SecurityToken;
        if (token.Subject != clientId || (requestClientId.Length > 0 && requestClientId != clientId))
        {
            return (null, "The client assertion's sub and the request's client_id must both be its iss.");
        }

        if (string.IsNullOrEmpty(token.Id) || !_usedAssertionIds.TryAdd(token.Id, token.ValidTo))
        {
            return (null, "The client assertion has no jti or was used before.");
        }

        return (clientId, null);
    }

    private sealed record RegisteredClient(X509Certificate2 Certificate, string InternalSecret);
}
