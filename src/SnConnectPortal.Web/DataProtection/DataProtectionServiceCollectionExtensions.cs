using Microsoft.AspNetCore.DataProtection;
using SnConnectPortal.Data;
using SnConnectPortal.Web.DataProtection;

namespace Microsoft.Extensions.DependencyInjection;

public static class DataProtectionServiceCollectionExtensions
{
    /// <summary>
    /// ASP.NET Core Data Protection (sign-in cookies, antiforgery, connection secrets) with its keys in the portal's
    /// database (table <c>DataProtectionKeys</c>, through Microsoft.AspNetCore.DataProtection.EntityFrameworkCore), under
    /// one application name, so that every node sharing the database shares the keys; the keys are encrypted with a
    /// certificate kept outside the database (<see cref="KeyRingCertificate"/>).
    /// </summary>
    public static IHostApplicationBuilder AddPortalDataProtection(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var certificate = KeyRingCertificate.LoadOrCreate(builder.Configuration, builder.Environment.ContentRootPath);
        services.AddDataProtection()
            .SetApplicationName("SnConnectPortal")
            .PersistKeysToDbContext<PortalDbContext>()
            .ProtectKeysWithCertificate(certificate)
            .UnprotectKeysWithAnyCertificate(certificate);
        return builder;
    }
}
