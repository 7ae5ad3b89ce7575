using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using SnConnectPortal.ServiceNow.Network;

namespace SnConnectPortal.Web.Features.SystemsCheck;

/// <summary>
/// Reads when an instance's TLS certificate expires, through the destination guard. Whether the certificate is trusted
/// is the Systems Check's TLS step's business; this only reads the date, so that an alert comes before it passes.
/// </summary>
public sealed class InstanceCertificateProbe(DestinationGuard guard)
{
    /// <summary>The certificate's end (UTC), or null for http or when no handshake could be made.</summary>
    public async Task<DateTime?> ExpiresAtAsync(Uri instanceUrl, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instanceUrl);
        if (instanceUrl.Scheme != Uri.UriSchemeHttps)
        {
            return null;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        DateTime? notAfter = null;
        try
        {
            using var socket = await guard.ConnectAsync(instanceUrl.IdnHost, instanceUrl.Port, [], deadline.Token);
            await using var tls = new SslStream(new NetworkStream(socket, ownsSocket: false), leaveInnerStreamOpen: false);
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = instanceUrl.IdnHost,
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    notAfter = (certificate as X509Certificate2)?.NotAfter.ToUniversalTime();
                    return true;
                },
            }, deadline.Token);
        }
        catch (Exception e) when (e is SocketException or IOException or BlockedDestinationException or System.Security.Authentication.AuthenticationException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Unreachable: the Systems Check says why; the date stays as last seen.
            return null;
        }

        return notAfter;
    }
}
