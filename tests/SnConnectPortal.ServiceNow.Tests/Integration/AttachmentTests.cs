using System.Security.Cryptography;
using SnConnectPortal.ServiceNow.Tests.Support;
using SnConnectPortal.Testing;

namespace SnConnectPortal.ServiceNow.Tests.Integration;

public class AttachmentTests(SandboxFixture fixture) : SandboxTestBase(fixture)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task UploadThenDownload_File_BytesHashTheSame(bool multipart)
    {
        var client = Host.Client(ServiceNowAuthMode.Basic);
        var incident = await client.CreateAsync("incident", new Dictionary<string, string> { ["short_description"] = "with attachment" }, Ct);
        var bytes = RandomNumberGenerator.GetBytes(300_000);
        var expectedHash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        using var upload = new MemoryStream(bytes);

        var uploaded = multipart
            ? await client.UploadAttachmentMultipartAsync("incident", incident.Value.SysId, "dump.bin", "application/octet-stream", upload, Ct)
            : await client.UploadAttachmentAsync("incident", incident.Value.SysId, "dump.bin", "application/octet-stream", upload, Ct);
        using var download = new MemoryStream();
        await client.DownloadAttachmentAsync(uploaded.Value.SysId, download, Ct);
        var metadata = await client.GetAttachmentAsync(uploaded.Value.SysId, Ct);

        Assert.Equal(201, uploaded.Response.StatusCode);
        Assert.Equal(expectedHash, Convert.ToHexStringLower(SHA256.HashData(download.ToArray())));
        Assert.Equal(bytes.Length, metadata.Value.SizeBytes);
        Assert.Equal("dump.bin", metadata.Value.FileName);
        Assert.Equal(incident.Value.SysId, metadata.Value.TableSysId);
        if (metadata.Value.Hash is { } serverHash)
        {
            Assert.Equal(expectedHash, serverHash, ignoreCase: true);
        }
    }
}
