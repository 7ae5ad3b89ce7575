using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SnConnectPortal.Data.Configurations;

/// <summary>The key ring's table, as Microsoft.AspNetCore.DataProtection.EntityFrameworkCore defines it.</summary>
internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> builder)
    {
        // The key manager names keys "key-<guid>".
        builder.Property(k => k.FriendlyName).HasMaxLength(200);
    }
}
