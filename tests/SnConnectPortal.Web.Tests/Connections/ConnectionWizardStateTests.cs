using Microsoft.Extensions.Options;
using SnConnectPortal.Web.Connections;

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

    private sealed class NoNamesTaken : IConnectionNames
    {
        public Task<bool> IsAvailableAsync(string name, long? exceptId, CancellationToken cancellationToken) => Task.FromResult(true);
    }
}
