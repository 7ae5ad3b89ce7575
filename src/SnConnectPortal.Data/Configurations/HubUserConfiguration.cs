using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SnConnectPortal.Data.Configurations;

internal sealed class HubUserConfiguration : IEntityTypeConfiguration<HubUser>
{
    public void Configure(EntityTypeBuilder<HubUser> builder)
    {
        builder.Property(p => p.ExternalId).HasMaxLength(FieldLengths.HubUserExternalId);
        builder.Property(p => p.DisplayName).HasMaxLength(FieldLengths.HubUserDisplayName);
        builder.Property(p => p.Email).HasMaxLength(FieldLengths.HubUserEmail);
        builder.Property(p => p.UserName).HasMaxLength(FieldLengths.HubUserUserName);
        builder.Property(p => p.NormalizedEmail).HasMaxLength(FieldLengths.HubUserEmail);
        builder.Property(p => p.NormalizedUserName).HasMaxLength(FieldLengths.HubUserUserName);
        builder.Property(p => p.NormalizedName).HasMaxLength(FieldLengths.HubUserDisplayName);
        builder.Property(p => p.CreatedBy).HasMaxLength(256);

        builder.HasIndex(p => p.ExternalId).IsUnique();
        builder.HasIndex(p => p.NormalizedEmail);
        builder.HasIndex(p => p.NormalizedName);
    }
}
