using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SnConnectPortal.Data.Configurations;

internal sealed class MessageAttachmentContentConfiguration : IEntityTypeConfiguration<MessageAttachmentContent>
{
    public void Configure(EntityTypeBuilder<MessageAttachmentContent> builder)
    {
        builder.HasKey(c => c.AttachmentId);
        builder.HasOne<MessageAttachment>().WithOne(a => a.Content).HasForeignKey<MessageAttachmentContent>(c => c.AttachmentId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
