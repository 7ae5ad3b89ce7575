using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using SnConnectPortal.ServiceNow.Network;

namespace SnConnectPortal.Web.Features.SystemsCheck.Steps;

/// <summary>A TLS handshake with the instance succeeds and its certificate is valid for the host, trusted and current.</summary>
internal sealed class TlsStep : ISystemsCheckStep
{
    public const string StepKey = "tls";

    public string Key => StepKey;

    public string Name => "TLS handshake and certificate";

    public IReadOnlyList<string> DependsOn => [AddressStep.StepKey];

    public async Task<StepOutcome> RunAsync(SystemsCheckContext context, CancellationToken cancellationToken)
    {
        var url = context.Settings.InstanceUrl;
        if (url.Scheme != Uri.UriSchemeHttps)
        {
            return StepOutcome.NotApplicable("The address uses plain http (allowed for this host only), so there is no TLS handshake to check.");
        }

        Socket socket;
        try
        {
            socket = await context.Guard.ConnectAsync(url.IdnHost, url.Port, [], cancellationToken);
        }
        catch (BlockedDestinationException exception)
        {
            return TransportFailure.Blocked(exception);
        }
        catch (SocketException exception)
        {
            return StepOutcome.Fail($"Could not open a connection to {url.Host}:{url.Port} ({exception.SocketErrorCode}).",
                TransportFailure.ConnectionRefused(url));
        }

        using var connected = socket;
        var seen = new CertificateFacts();
        await using var network = new NetworkStream(socket, ownsSocket: false);
        await using var tls = new SslStream(network, leaveInnerStreamOpen: false);
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = url.IdnHost,
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                {
                    seen.Record(certificate, chain, errors);
                    return errors == SslPolicyErrors.None;
                },
            }, cancellationToken);
        }
        catch (AuthenticationException exception)
        {
            var why = seen.Errors == SslPolicyErrors.None ? exception.Message : seen.Problems();
            return StepOutcome.Fail($"The TLS handshake with {url.Host} failed: {why}. {seen.Describe()}", TransportFailure.TlsStepRemedy(url.Host));
        }
        catch (IOException exception)
        {
            return StepOutcome.Fail($"The TLS handshake with {url.Host} was cut off ({exception.Message}).", TransportFailure.TlsStepRemedy(url.Host));
        }

        var protocol = tls.SslProtocol.ToString().Replace("Tls", "TLS ", StringComparison.Ordinal).Replace("TLS 1", "TLS 1.", StringComparison.Ordinal);
        var daysLeft = seen.NotAfter is { } notAfter ? (notAfter - context.TimeProvider.GetUtcNow()).TotalDays : double.MaxValue;
        var facts = $"{protocol} with {url.Host}; {seen.Describe()}";
        if (daysLeft < context.Options.CertificateExpiryWarnDays)
        {
            return StepOutcome.Warn($"{facts} It expires in {Math.Max(0, (int)daysLeft)} days.",
                "The instance's certificate expires soon. A hosted *.service-now.com certificate is renewed by ServiceNow; for a custom " +
                "domain, renew the certificate in the instance's custom URL settings before it expires, or every message will fail.");
        }

        return StepOutcome.Pass($"{facts} Trusted by this server and valid for the host.");
    }

    /// <summary>What the validation callback saw (it runs inside the handshake).</summary>
    private sealed class CertificateFacts
    {
        public SslPolicyErrors Errors { get; private set; }

        public string? Subject { get; private set; }

        public string? Issuer { get; private set; }

        public DateTimeOffset? NotAfter { get; private set; }

        public IReadOnlyList<string> ChainProblems { get; private set; } = [];

        public void Record(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            Errors = errors;
            if (certificate is X509Certificate2 full)
            {
                Subject = full.Subject;
                Issuer = full.Issuer;
                NotAfter = new DateTimeOffset(full.NotAfter.ToUniversalTime(), TimeSpan.Zero);
            }

            ChainProblems = chain?.ChainStatus.Select(s => $"{s.Status}").Distinct().ToList() ?? [];
        }

        public string Problems()
        {
            var problems = new List<string>();
            if (Errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
            {
                problems.Add("the server sent no certificate");
            }

            if (Errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
            {
                problems.Add("the certificate is for another host name");
            }

            if (Errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
            {
                var selfSigned = Subject is not null && Subject == Issuer ? "it is self-signed; " : "";
                problems.Add($"the certificate is not trusted ({selfSigned}chain: {string.Join(", ", ChainProblems)})");
            }

            return string.Join("; ", problems);
        }

        public string Describe() => Subject is null
            ? "No certificate was seen."
            : $"Certificate {Subject}, issued by {Issuer}, valid until {NotAfter?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.";
    }
}
