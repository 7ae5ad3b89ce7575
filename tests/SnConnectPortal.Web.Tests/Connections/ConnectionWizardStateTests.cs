using Microsoft.Extensions.Options;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.Connections;

namespace SnConnectPortal.Web.Tests.Connections;

public sealed class ConnectionWizardStateTests
{
    private readonly ConnectionWizardState _wizard;

    public ConnectionWizardStateTests()
    {
        var options = Options.Create(new ConnectionsOptions());
        _wizard = new ConnectionWizardState(new ConnectionDraftValidator(new NoNamesTaken(), options), options);
    }

    [Fact]
    public async Task Next_WithInvalidStep_StaysThereKeepsWhatWasTypedAndSaysWhy()
    {
        _wizard.Start(new ConnectionDraft { Name = "Acme", InstanceAddress = "http://acme.service-now.com" }, 0);

        var moved = await _wizard.NextAsync(CancellationToken.None);

        Assert.False(moved);
        Assert.Equal(0, _wizard.StepIndex);
        Assert.Equal("http://acme.service-now.com", _wizard.Draft.InstanceAddress);
        Assert.Equal("Acme", _wizard.Draft.Name);
        Assert.Contains("Use https://", _wizard.ErrorFor(nameof(ConnectionDraft.InstanceAddress)), StringComparison.Ordinal);
        Assert.Null(_wizard.ErrorFor(nameof(ConnectionDraft.Name)));
    }

    [Fact]
    public async Task Next_WithValidInstance_MovesOnAndShowsTheNormalizedAddress()
    {
        _wizard.Start(new ConnectionDraft { Name = "Acme", InstanceAddress = "Acme" }, 0);

        var moved = await _wizard.NextAsync(CancellationToken.None);

        Assert.True(moved);
        Assert.Equal(1, _wizard.StepIndex);
        Assert.Equal("https://acme.service-now.com/", _wizard.Draft.InstanceAddress);
    }

    [Fact]
    public async Task GoTo_JumpingAhead_StopsAtTheFirstInvalidStep()
    {
        _wizard.Start(new ConnectionDraft { Name = "Acme", InstanceAddress = "acme" }, 0);

        var moved = await _wizard.GoToAsync(4, CancellationToken.None);

        Assert.False(moved);
        Assert.Equal(2, _wizard.StepIndex);
        Assert.NotNull(_wizard.ErrorFor("Secret.Password"));
    }

    [Fact]
    public async Task Back_ClearsMessagesAndKeepsTheDraft()
    {
        _wizard.Start(new ConnectionDraft { Name = "Acme", InstanceAddress = "acme", UserName = "typed" }, 2);
        await _wizard.NextAsync(CancellationToken.None);

        _wizard.Back();

        Assert.Equal(1, _wizard.StepIndex);
        Assert.Empty(_wizard.Errors);
        Assert.Equal("typed", _wizard.Draft.UserName);
    }

    [Fact]
    public void HasChanges_IsFalseUntilSomethingIsTyped()
    {
        _wizard.Start(new ConnectionDraft(), 0);
        var untouched = _wizard.HasChanges;

        _wizard.Draft.Name = "A";

        Assert.False(untouched);
        Assert.True(_wizard.HasChanges);
    }

    [Fact]
    public void ChangesReachability_ForNameTablesAndBehaviour_IsFalse()
    {
        _wizard.Start(StoredDraft(), 4);

        _wizard.Draft.Name = "Renamed";
        _wizard.Draft.Tables = ["incident", "problem"];
        _wizard.Draft.LimitOutboundRate = !_wizard.Draft.LimitOutboundRate;

        Assert.True(_wizard.HasChanges);
        Assert.False(_wizard.ChangesReachability);
    }

    [Theory]
    [InlineData("address")]
    [InlineData("user")]
    [InlineData("secret")]
    [InlineData("mode")]
    public void ChangesReachability_ForAddressOrCredentials_IsTrue(string change)
    {
        _wizard.Start(StoredDraft(), 4);

        switch (change)
        {
            case "address": _wizard.Draft.InstanceAddress = "https://other.service-now.com/"; break;
            case "user": _wizard.Draft.UserName = "someone.else"; break;
            case "secret": _wizard.Draft.SetSecret(SecretKind.Password, "a-new-password"); break;
            default: _wizard.Draft.AuthMode = SnConnectPortal.ServiceNow.ServiceNowAuthMode.OAuthClientCredentials; break;
        }

        Assert.True(_wizard.ChangesReachability);
    }

    [Fact]
    public void ChangesReachability_ForSpacesAroundTheUserName_IsFalse()
    {
        _wizard.Start(StoredDraft(), 4);

        _wizard.Draft.UserName = " snc.integration ";

        Assert.False(_wizard.ChangesReachability);
    }

    private static ConnectionDraft StoredDraft() => new()
    {
        Id = 7,
        Name = "Acme",
        InstanceAddress = "https://acme.service-now.com/",
        UserName = "snc.integration",
        StoredSecrets = { [SecretKind.Password] = new SecretInfo(new DateTime(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc), "ada@example.com") },
    };

    private sealed class NoNamesTaken : IConnectionNames
    {
        public Task<bool> IsAvailableAsync(string name, long? exceptId, CancellationToken cancellationToken) => Task.FromResult(true);
    }
}
