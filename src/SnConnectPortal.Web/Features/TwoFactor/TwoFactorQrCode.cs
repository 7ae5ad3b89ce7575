using QRCoder;

namespace SnConnectPortal.Web.Features.TwoFactor;

/// <summary>
/// The authenticator app's QR code: the <c>otpauth://</c> URI drawn as SVG and shown as a <c>data:</c> image, which the
/// portal's Content Security Policy allows (<c>img-src 'self' data:</c>) without loosening anything.
/// </summary>
public static class TwoFactorQrCode
{
    public static string AuthenticatorUri(string issuer, string account, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(account)}?secret={key}&issuer={Uri.EscapeDataString(issuer)}&digits=6";

    public static string DataUri(string text)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4);
        return "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(svg));
    }
}
