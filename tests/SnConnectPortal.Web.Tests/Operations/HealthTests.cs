using System.Net;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.Operations;

public sealed class HealthTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _portal;

    public HealthTests(PortalFactory portal) => _portal = portal;

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_WithoutSignIn_AnswersHealthy(string path)
    {
        var response = await _portal.CreateBrowserLikeClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
