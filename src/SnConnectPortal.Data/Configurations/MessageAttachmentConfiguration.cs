using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SnConnectPortal.Data.Configurations;

internal sealed class MessageAttachmentConfiguration : IEntityTypeConfiguration<MessageAttachment>
{
    public void Configure(EntityTypeBuilder<MessageAttachment> builder)
    {
        builder.Property(a => a.SysId).HasMaxLength(FieldLengths.SysId);
        builder.Property(a => a.FileName).HasMaxLength(FieldLengths.AttachmentFileName);
        builder.Property(a => a.ContentType).HasMaxLength(FieldLengths.AttachmentContentType);
        builder.Property(a => a.Hash).HasMaxLength(FieldLengths.AttachmentHash);
        builder.Property(a => a.UploadState).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.UploadError).HasMaxLength(Message.MaxErrorLength);
        builder.HasIndex(a => a.MessageId);
    }
}
