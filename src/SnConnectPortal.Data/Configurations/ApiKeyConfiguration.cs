using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SnConnectPortal.Data.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.Property(k => k.Name).HasMaxLength(FieldLengths.ApiKeyName);
        builder.Property(k => k.Prefix).HasMaxLength(FieldLengths.ApiKeyPrefix);
        builder.Property(k => k.Hash).HasMaxLength(FieldLengths.ApiKeyHash);
        builder.Property(k => k.Scopes).HasMaxLength(FieldLengths.ApiKeyScopes);
        builder.Property(k => k.CreatedBy).HasMaxLength(FieldLengths.ActorName);
        builder.Property(k => k.RevokedBy).HasMaxLength(FieldLengths.ActorName);

        builder.HasIndex(k => k.Hash).IsUnique();
    }
}
