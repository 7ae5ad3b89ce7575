using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SnConnectPortal.Data.Configurations;

internal sealed class AlertRecipientConfiguration : IEntityTypeConfiguration<AlertRecipient>
{
    public void Configure(EntityTypeBuilder<AlertRecipient> builder)
    {
        builder.Property(r => r.Channel).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Address).HasMaxLength(320);
        builder.Property(r => r.ProtectedUrl).HasMaxLength(4000);
        builder.Property(r => r.Kinds).HasMaxLength(400);
        builder.Property(r => r.CreatedBy).HasMaxLength(256);
    }
}
