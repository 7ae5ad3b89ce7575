using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.Messages;
using SnConnectPortal.Web.Features.Outbound;
using SnConnectPortal.Web.Security;
using SnConnectPortal.Web.Tests.Infrastructure;

namespace SnConnectPortal.Web.Tests.Components.Messages;

/// <summary>The message details drawer against a real SQLite file: its close button, Escape, and Retry for operators only.</summary>
public sealed class MessageDetailsDrawerTests : PortalComponentTest, IDisposable
{
    private readonly PortalFactory _portal = new();
    private readonly BunitAuthorizationContext _authorization;

    public MessageDetailsDrawerTests()
    {
        Context.Services.AddSingleton(_portal.Services.GetRequiredService<MessageQuery>());
        Context.Services.AddSingleton(_portal.Services.GetRequiredService<MessageNotifier>());
        Context.Services.AddSingleton(_portal.Services.GetRequiredService<MessageRedelivery>());
        _authorization = Context.AddAuthorization();
        _authorization.SetAuthorized("ada@example.com");
    }

    [Fact]
    public async Task FailedOutboundMessage_OperatorSeesRetry()
    {
        var id = await SeedFailedOutboundAsync();
        _authorization.SetPolicies(PortalPolicies.Viewer, PortalPolicies.Operator);

        var drawer = Render(id, () => { });

        drawer.WaitForAssertion(() => Assert.NotNull(drawer.Find("[data-testid=retry-message]")));
    }

    [Fact]
    public async Task FailedOutboundMessage_ViewerSeesNoRetry()
    {
        var id = await SeedFailedOutboundAsync();
        _authorization.SetPolicies(PortalPolicies.Viewer);

        var drawer = Render(id, () => { });

        drawer.WaitForAssertion(() => Assert.Contains("Failed", drawer.Find("[data-testid=message-status]").TextContent, StringComparison.Ordinal));
        Assert.Empty(drawer.FindAll("[data-testid=retry-message]"));
    }

    [Fact]
    public async Task SkippedMessage_ShowsWhyItWasSkipped_AndTheMappingsWarnings_WithoutRetry()
    {
        var id = await SeedAsync(MessageStatus.Skipped, "urgency 4.0 is below the threshold of 7.0: no record is made.",
            "The event has no opening_date: opened_at is left out.");
        _authorization.SetPolicies(PortalPolicies.Viewer, PortalPolicies.Operator);

        var drawer = Render(id, () => { });

        drawer.WaitForAssertion(() => Assert.Equal("Skipped, never sent to ServiceNow: urgency 4.0 is below the threshold of 7.0: no record is made.",
            drawer.Find("[data-testid=message-skipped]").TextContent.Trim()));
        Assert.Equal("The event has no opening_date: opened_at is left out.", drawer.Find("[data-testid=message-warnings] li").TextContent.Trim());
        Assert.Empty(drawer.FindAll("[data-testid=retry-message]"));
        Assert.Empty(drawer.FindAll("[data-testid=message-last-error]"));
    }

    [Fact]
    public async Task CloseButton_HasAName_AndCloses()
    {
        var id = await SeedFailedOutboundAsync();
        var closed = 0;
        var drawer = Render(id, () => closed++);
        var close = drawer.Find("[data-testid=close-message-details]");

        close.Click();

        Assert.Equal("Close message details", close.GetAttribute("aria-label"));
        Assert.Equal(1, closed);
    }

    [Fact]
    public async Task Escape_Closes()
    {
        var id = await SeedFailedOutboundAsync();
        var closed = 0;
        var drawer = Render(id, () => closed++);

        drawer.Find(".details-frame").KeyDown(new KeyboardEventArgs { Key = "Escape" });

        Assert.Equal(1, closed);
    }

    public void Dispose() => _portal.Dispose();

    private IRenderedComponent<MessageDetailsDrawer> Render(long id, Action closed) =>
        Context.Render<MessageDetailsDrawer>(parameters => parameters
            .Add(p => p.MessageId, id)
            .Add(p => p.Title, "Message INC0010001")
            .Add(p => p.Closed, closed));

    private Task<long> SeedFailedOutboundAsync() => SeedAsync(MessageStatus.Failed, "ServiceNow answered 400", null);

    private async Task<long> SeedAsync(MessageStatus status, string lastError, string? warnings)
    {
        await using var db = await _portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var message = new Message
        {
            ConnectionId = 1,
            Direction = MessageDirection.Outbound,
            Status = status,
            ReceivedAt = new DateTime(2026, 11, 21, 12, 0, 0, DateTimeKind.Utc),
            Number = "INC0010001",
            ResponseId = "r1",
            Headers = "{}",
            Payload = "{}",
            AttemptCount = 1,
            LastError = lastError,
            Warnings = warnings,
        };
        db.Messages.Add(message);
        await db.SaveChangesAsync();
        return message.Id;
    }
}
