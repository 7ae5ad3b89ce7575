using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SnConnectPortal.Data.Configurations;

/// <summary>
/// Messages are read newest first with optional filters on connection, direction, status and time, so each filter
/// combination the grid offers has an index ending in <c>ReceivedAt</c> (a range scan in order, then LIMIT). Text
/// search is equality or prefix on number, correlation id and response id. No foreign key to Connections: a
/// connection's history outlives it, and ingest stays one insert per message.
/// </summary>
internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> builder)
    {
        builder.Property(m => m.Direction).HasConversion<string>().HasMaxLength(FieldLengths.MessageDirection);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(FieldLengths.MessageStatus);
        builder.Property(m => m.TableName).HasMaxLength(FieldLengths.MessageTableName);
        builder.Property(m => m.EventName).HasMaxLength(FieldLengths.MessageEventName);
        builder.Property(m => m.RecordSysId).HasMaxLength(FieldLengths.SysId);
        builder.Property(m => m.Number).HasMaxLength(FieldLengths.MessageNumber);
        builder.Property(m => m.CorrelationId).HasMaxLength(FieldLengths.MessageCorrelationId);
        builder.Property(m => m.EventId).HasMaxLength(FieldLengths.MessageEventId);
        builder.Property(m => m.TraceParent).HasMaxLength(FieldLengths.MessageTraceParent);
        builder.Property(m => m.ResponseId).HasMaxLength(FieldLengths.MessageResponseId);
        builder.Property(m => m.RemoteAddress).HasMaxLength(FieldLengths.MessageRemoteAddress);
        builder.Property(m => m.LastError).HasMaxLength(Message.MaxErrorLength);
        builder.Property(m => m.Warnings).HasMaxLength(FieldLengths.MessageWarnings);

        builder.HasIndex(m => m.ResponseId).IsUnique();
        builder.HasIndex(m => new { m.ReceivedAt, m.ConnectionId, m.Direction }); // covers the dashboard's traffic per minute and hour
        builder.HasIndex(m => new { m.ConnectionId, m.ReceivedAt });
        builder.HasIndex(m => new { m.ConnectionId, m.Status, m.ReceivedAt });
        builder.HasIndex(m => new { m.Status, m.ReceivedAt });
        builder.HasIndex(m => new { m.Direction, m.ReceivedAt });
        builder.HasIndex(m => m.Number);
        builder.HasIndex(m => m.CorrelationId);
        // Partial indexes on columns that only outbound messages fill: an inbound row, the bulk of the table, costs them nothing.
        // An event stored twice, even by two requests at once, is refused.
        builder.HasIndex(m => new { m.ConnectionId, m.EventId }).IsUnique().HasFilter("\"EventId\" IS NOT NULL");
        // The delivery worker's claim walks the due messages in order and stops at the first it may take: only messages
        // still to be delivered have a next attempt time, so the claim reads no more than it takes however many are due.
        builder.HasIndex(m => new { m.NextAttemptAt, m.Id }).HasFilter("\"NextAttemptAt\" IS NOT NULL");

        builder.HasMany(m => m.Attachments).WithOne().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.Attempts).WithOne().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}
