using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SnConnectPortal.Data.Configurations;

internal sealed class FieldMappingConfiguration : IEntityTypeConfiguration<FieldMapping>
{
    public void Configure(EntityTypeBuilder<FieldMapping> builder)
    {
        builder.Property(m => m.TableName).HasMaxLength(FieldLengths.MessageTableName);
        builder.Property(m => m.ThresholdField).HasMaxLength(FieldLengths.MappingFieldName);
        builder.Property(m => m.ThresholdMinimum).HasPrecision(12, 4);
        builder.Property(m => m.UpdatedBy).HasMaxLength(FieldLengths.ActorName);

        builder.HasIndex(m => new { m.ConnectionId, m.TableName }).IsUnique();
        builder.HasOne<Connection>().WithMany().HasForeignKey(m => m.ConnectionId).OnDelete(DeleteBehavior.Cascade);
    }
}
