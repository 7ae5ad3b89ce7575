using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using SnConnectPortal.Data;

namespace SnConnectPortal.Web.DataProtection;

/// <summary>
/// Keeps the Data Protection key ring in the portal's database (table <c>DataProtectionKeys</c>), so that every
/// portal node sharing the database can read what another node encrypted.
/// </summary>
public sealed class DatabaseXmlRepository(IDbContextFactory<PortalDbContext> dbContextFactory) : IXmlRepository
{
    // IXmlRepository is synchronous by contract; the key manager calls it rarely (start, key rotation).
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var db = dbContextFactory.CreateDbContext();
        return db.DataProtectionKeys.AsNoTracking()
            .OrderBy(k => k.Id)
            .Select(k => k.Xml)
            .AsEnumerable()
            .Select(xml => XElement.Parse(xml))
            .ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var db = dbContextFactory.CreateDbContext();
        db.DataProtectionKeys.Add(new DataProtectionKey
        {
            FriendlyName = friendlyName,
            Xml = element.ToString(SaveOptions.DisableFormatting),
        });
        db.SaveChanges();
    }
}
