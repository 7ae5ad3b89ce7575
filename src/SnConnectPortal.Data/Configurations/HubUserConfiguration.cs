using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SnConnectPortal.Data.Configurations;

internal sealed class HubUserConfiguration : IEntityTypeConfiguration<HubUser>
{
    public void Configure(EntityTypeBuilder<HubUser> builder)
    {
        builder.Property(p => p.ExternalId).HasMaxLength(200);
        builder.Property(p => p.DisplayName).HasMaxLength(200);
        builder.Property(p => p.Email).HasMaxLength(255);
        builder.Property(p => p.UserName).HasMaxLength(255);
        builder.Property(p => p.NormalizedEmail).HasMaxLength(255);
        builder.Property(p => p.NormalizedUserName).HasMaxLength(255);
        builder.Property(p => p.NormalizedName).HasMaxLength(200);
        builder.Property(p => p.CreatedBy).HasMaxLength(256);

        builder.HasIndex(p => p.ExternalId).IsUnique();
        builder.HasIndex(p => p.NormalizedEmail);
        builder.HasIndex(p => p.NormalizedName);
    }
}
