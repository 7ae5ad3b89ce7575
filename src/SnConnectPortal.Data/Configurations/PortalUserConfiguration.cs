using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SnConnectPortal.Data.Configurations;

internal sealed class PortalUserConfiguration : IEntityTypeConfiguration<PortalUser>
{
    public void Configure(EntityTypeBuilder<PortalUser> builder)
    {
        builder.Property(user => user.DisplayName).HasMaxLength(FieldLengths.PortalUserDisplayName);
        builder.Property(user => user.ThemePreference).HasConversion<string>().HasMaxLength(FieldLengths.ThemePreference);
    }
}
