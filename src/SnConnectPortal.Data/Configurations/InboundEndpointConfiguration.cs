using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SnConnectPortal.Data.Configurations;

internal sealed class InboundEndpointConfiguration : IEntityTypeConfiguration<InboundEndpoint>
{
    public void Configure(EntityTypeBuilder<InboundEndpoint> builder)
    {
        builder.Property(e => e.ConnectionKey).HasMaxLength(64);
        builder.Property(e => e.UserName).HasMaxLength(100);
        builder.Property(e => e.PasswordHash).HasMaxLength(200);
        builder.Property(e => e.PasswordSetBy).HasMaxLength(256);

        builder.HasIndex(e => e.ConnectionKey).IsUnique();
        builder.HasIndex(e => e.ConnectionId).IsUnique();
        builder.HasOne<Connection>().WithMany().HasForeignKey(e => e.ConnectionId).OnDelete(DeleteBehavior.Cascade);
    }
}
