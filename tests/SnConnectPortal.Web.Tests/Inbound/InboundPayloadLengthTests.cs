using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.Inbound;

namespace SnConnectPortal.Web.Tests.Inbound;

/// <summary>
/// The inbound parser keeps each field it reads within the column the model gives it, whatever the provider (a cut
/// value ends with a marker; the stored payload keeps it whole).
/// </summary>
public sealed class InboundPayloadLengthTests
{
    private static readonly string TooLong = new('x', 1000);

    [Fact]
    public void Read_OverlongFields_AreCutToTheModelsColumnLengths()
    {
        var body = System.Text.Encoding.UTF8.GetBytes($$$"""
            {"table":"{{{TooLong}}}","sys_id":"{{{TooLong}}}","event":"{{{TooLong}}}","number":"{{{TooLong}}}","correlation_id":"{{{TooLong}}}",
             "attachment":{"sys_id":"{{{TooLong}}}","file_name":"{{{TooLong}}}","content_type":"{{{TooLong}}}","hash":"{{{TooLong}}}"}}
            """);

        var (metadata, refusal) = InboundPayload.Read(body, maxDepth: 64, maxAttachments: 100);

        Assert.Null(refusal);
        var model = ModelOf(typeof(Message));
        var attachmentModel = ModelOf(typeof(MessageAttachment));
        Assert.Equal(model.FindProperty(nameof(Message.TableName))!.GetMaxLength(), metadata!.Table!.Length);
        Assert.Equal(model.FindProperty(nameof(Message.RecordSysId))!.GetMaxLength(), metadata.SysId!.Length);
        Assert.Equal(model.FindProperty(nameof(Message.EventName))!.GetMaxLength(), metadata.Event!.Length);
        Assert.Equal(model.FindProperty(nameof(Message.Number))!.GetMaxLength(), metadata.Number!.Length);
        Assert.Equal(model.FindProperty(nameof(Message.CorrelationId))!.GetMaxLength(), metadata.CorrelationId!.Length);
        var attachment = Assert.Single(metadata.Attachments!);
        Assert.Equal(attachmentModel.FindProperty(nameof(MessageAttachment.SysId))!.GetMaxLength(), attachment.SysId!.Length);
        Assert.Equal(attachmentModel.FindProperty(nameof(MessageAttachment.FileName))!.GetMaxLength(), attachment.FileName!.Length);
        Assert.Equal(attachmentModel.FindProperty(nameof(MessageAttachment.ContentType))!.GetMaxLength(), attachment.ContentType!.Length);
        Assert.Equal(attachmentModel.FindProperty(nameof(MessageAttachment.Hash))!.GetMaxLength(), attachment.Hash!.Length);
    }

    private static IEntityType ModelOf(Type entity)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>().UseSqlite("Data Source=:memory:").Options;
        using var context = new PortalDbContext(options);
        return context.Model.FindEntityType(entity)!;
    }
}
