using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SnConnectPortal.Sandbox.Tests.Support;
using SnConnectPortal.Testing;

namespace SnConnectPortal.Sandbox.Tests.Attachments;

public sealed class AttachmentApiTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    private static readonly byte[] Content = Encoding.UTF8.GetBytes("hello attachment");

    private SandboxProcess Sandbox => fixture.Sandbox;

    [Fact]
    public async Task FileUpload_Returns201WithMetadata_AndDownloadReturnsTheBytes()
    {
        await Sandbox.ResetAsync();
        using var client = ServiceNowCalls.Client(Sandbox, ServiceNowCalls.IntegrationUser, ServiceNowCalls.IntegrationPassword);
        var incident = await ServiceNowCalls.CreateAsync(client, "incident", """{"short_description":"with file"}""");
        var incidentId = incident.GetProperty("sys_id").GetString();
        using var body = new ByteArrayContent(Content);
        body.Headers.ContentType = new MediaTypeHeaderValue("text/plain");

        using var created = await client.PostAsync(ServiceNowCalls.Relative(
            $"api/now/attachment/file?table_name=incident&table_sys_id={incidentId}&file_name=note.txt"), body);
        var metadata = (await created.ReadJsonAsync()).GetProperty("result");
        var id = metadata.GetProperty("sys_id").GetString();
        using var download = await client.GetAsync(ServiceNowCalls.Relative($"api/now/attachment/{id}/file"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(new Uri(Sandbox.BaseUrl, $"api/now/attachment/{id}"), created.Headers.Location);
        Assert.Equal("note.txt", metadata.GetProperty("file_name").GetString());
        Assert.Equal("text/plain", metadata.GetProperty("content_type").GetString());
        Assert.Equal(Content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), metadata.GetProperty("size_bytes").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Content)), metadata.GetProperty("hash").GetString());
        Assert.Equal("available", metadata.GetProperty("state").GetString());
        Assert.Equal("incident", metadata.GetProperty("table_name").GetString());
        Assert.Equal(incidentId, metadata.GetProperty("table_sys_id").GetString());
        Assert.Equal("SNC Integration", metadata.GetProperty("created_by_name").GetString());
        Assert.Equal(new Uri(Sandbox.BaseUrl, $"api/now/attachment/{id}/file").ToString(), metadata.GetProperty("download_link").GetString());
        Assert.All(metadata.EnumerateObject(), p => Assert.Equal(JsonValueKind.String, p.Value.ValueKind));
        Assert.Equal(Content, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("text/plain", download.Content.Headers.ContentType?.MediaType);
        using var header = JsonDocument.Parse(download.Header("X-Attachment-Metadata"));
        Assert.Equal(id, header.RootElement.GetProperty("sys_id").GetString());
    }

    [Fact]
    public async Task MultipartUpload_ListMetadataAndDelete()
    {
        await Sandbox.ResetAsync();
        using var client = ServiceNowCalls.Client(Sandbox);
        var incident = await ServiceNowCalls.CreateAsync(client, "incident", """{"short_description":"multipart"}""");
        var incidentId = incident.GetProperty("sys_id").GetString()!;
        using var form = new MultipartFormDataContent
        {
            { new StringContent("incident"), "table_name" },
            { new StringContent(incidentId), "table_sys_id" },
        };
        var file = new ByteArrayContent(Content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "uploadFile", "data.bin");

        using var created = await client.PostAsync(ServiceNowCalls.Relative("api/now/attachment/upload"), form);
        var id = (await created.ReadJsonAsync()).GetProperty("result").GetProperty("sys_id").GetString();
        using var list = await client.GetAsync(ServiceNowCalls.Relative($"api/now/attachment?sysparm_query=table_sys_id%3D{incidentId}"));
        using var metadata = await client.GetAsync(ServiceNowCalls.Relative($"api/now/attachment/{id}"));
        using var deleted = await client.DeleteAsync(ServiceNowCalls.Relative($"api/now/attachment/{id}"));
        using var gone = await client.GetAsync(ServiceNowCalls.Relative($"api/now/attachment/{id}"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var listed = (await list.ReadJsonAsync()).GetProperty("result");
        Assert.Equal(1, listed.GetArrayLength());
        Assert.Equal("data.bin", listed[0].GetProperty("file_name").GetString());
        Assert.Equal("1", list.Header("X-Total-Count"));
        Assert.Equal(HttpStatusCode.OK, metadata.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task MultipartUpload_WithTheFilePartFirst_IsRejected()
    {
        await Sandbox.ResetAsync();
        using var client = ServiceNowCalls.Client(Sandbox);
        var incident = await ServiceNowCalls.CreateAsync(client, "incident", """{"short_description":"order"}""");
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Content), "uploadFile", "data.bin");
        form.Add(new StringContent("incident"), "table_name");
        form.Add(new StringContent(incident.GetProperty("sys_id").GetString()!), "table_sys_id");

        using var response = await client.PostAsync(ServiceNowCalls.Relative("api/now/attachment/upload"), form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Upload_ToAMissingRecord_Is404_AndMissingParameters400()
    {
        using var client = ServiceNowCalls.Client(Sandbox);
        using var body = new ByteArrayContent(Content);
        body.Headers.ContentType = new MediaTypeHeaderValue("text/plain");

        using var missingRecord = await client.PostAsync(ServiceNowCalls.Relative(
            "api/now/attachment/file?table_name=incident&table_sys_id=0123456789abcdef0123456789abcdef&file_name=a.txt"), body);
        using var body2 = new ByteArrayContent(Content);
        body2.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        using var missingParameters = await client.PostAsync(ServiceNowCalls.Relative("api/now/attachment/file?table_name=incident"), body2);

        Assert.Equal(HttpStatusCode.NotFound, missingRecord.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missingParameters.StatusCode);
    }
}
