using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SnConnectPortal.Data.Configurations;

internal sealed class ConnectionSecretConfiguration : IEntityTypeConfiguration<ConnectionSecret>
{
    public void Configure(EntityTypeBuilder<ConnectionSecret> builder)
    {
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(30);
        builder.Property(s => s.SetBy).HasMaxLength(256);
        builder.HasIndex(s => new { s.ConnectionId, s.Kind }).IsUnique();
    }
}
