using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.Connections;

namespace SnConnectPortal.Web.Tests.Connections;

/// <summary>The connection status state machine, as a table: every status, every event.</summary>
public sealed class ConnectionStatusTransitionsTests
{
    [Fact]
    public void NewConnection_IsUnverified() => Assert.Equal(ConnectionStatus.Unverified, ConnectionStatusTransitions.Initial);

    [Theory]
    [InlineData(ConnectionStatus.Unverified, true, ConnectionStatus.Verified)]
    [InlineData(ConnectionStatus.Unverified, false, ConnectionStatus.Failing)]
    [InlineData(ConnectionStatus.Verified, true, ConnectionStatus.Verified)]
    [InlineData(ConnectionStatus.Verified, false, ConnectionStatus.Failing)]
    [InlineData(ConnectionStatus.Active, true, ConnectionStatus.Active)]
    [InlineData(ConnectionStatus.Active, false, ConnectionStatus.Failing)]
    [InlineData(ConnectionStatus.Failing, true, ConnectionStatus.Verified)]
    [InlineData(ConnectionStatus.Failing, false, ConnectionStatus.Failing)]
    [InlineData(ConnectionStatus.Disabled, true, ConnectionStatus.Disabled)]
    [InlineData(ConnectionStatus.Disabled, false, ConnectionStatus.Disabled)]
    public void Check_MovesTheStatus(ConnectionStatus from, bool passed, ConnectionStatus expected) =>
        Assert.Equal(expected, ConnectionStatusTransitions.AfterCheck(from, passed));

    [Theory]
    [InlineData(ConnectionStatus.Unverified, ConnectionStatus.Unverified)]
    [InlineData(ConnectionStatus.Verified, ConnectionStatus.Unverified)]
    [InlineData(ConnectionStatus.Active, ConnectionStatus.Unverified)]
    [InlineData(ConnectionStatus.Failing, ConnectionStatus.Unverified)]
    [InlineData(ConnectionStatus.Disabled, ConnectionStatus.Disabled)]
    public void EditOfAddressOrCredentials_MakesItUnverified_UnlessDisabled(ConnectionStatus from, ConnectionStatus expected) =>
        Assert.Equal(expected, ConnectionStatusTransitions.AfterEdit(from, reachabilityChanged: true));

    [Theory]
    [InlineData(ConnectionStatus.Unverified)]
    [InlineData(ConnectionStatus.Verified)]
    [InlineData(ConnectionStatus.Active)]
    [InlineData(ConnectionStatus.Failing)]
    [InlineData(ConnectionStatus.Disabled)]
    public void EditOfAnythingElse_KeepsTheStatus(ConnectionStatus from) =>
        Assert.Equal(from, ConnectionStatusTransitions.AfterEdit(from, reachabilityChanged: false));

    [Theory]
    [InlineData(ConnectionStatus.Verified, ConnectionStatus.Active)]
    [InlineData(ConnectionStatus.Unverified, null)]
    [InlineData(ConnectionStatus.Active, null)]
    [InlineData(ConnectionStatus.Failing, null)]
    [InlineData(ConnectionStatus.Disabled, null)]
    public void Activate_IsAllowedOnlyFromVerified(ConnectionStatus from, ConnectionStatus? expected) =>
        Assert.Equal(expected, ConnectionStatusTransitions.Next(from, ConnectionEvent.Activated));

    [Theory]
    [InlineData(true, ConnectionStatus.Verified)]
    [InlineData(false, ConnectionStatus.Failing)]
    [InlineData(null, ConnectionStatus.Unverified)]
    public void Enable_GoesBackToWhatTheLastCheckSaid(bool? lastCheckPassed, ConnectionStatus expected) =>
        Assert.Equal(expected, ConnectionStatusTransitions.Next(ConnectionStatus.Disabled, ConnectionStatusTransitions.EnableEvent(lastCheckPassed)));

    [Fact]
    public void Enable_OfAConnectionThatIsNotDisabled_IsNotAMove() =>
        Assert.Null(ConnectionStatusTransitions.Next(ConnectionStatus.Verified, ConnectionEvent.EnabledAfterPassedCheck));

    [Fact]
    public void EveryStatus_CanBeDisabled_AndHasAMeaningAndAWayOut()
    {
        foreach (var status in Enum.GetValues<ConnectionStatus>())
        {
            Assert.NotEmpty(ConnectionStatusTransitions.Meaning(status));
            Assert.NotEmpty(ConnectionStatusTransitions.LeavingFrom(status));
            if (status != ConnectionStatus.Disabled)
            {
                Assert.Equal(ConnectionStatus.Disabled, ConnectionStatusTransitions.Next(status, ConnectionEvent.Disabled));
            }
        }
    }

    [Fact]
    public void TheTable_HasOneMovePerStatusAndEvent()
    {
        var duplicates = ConnectionStatusTransitions.All.GroupBy(t => (t.From, t.On)).Where(g => g.Count() > 1).Select(g => g.Key);

        Assert.Empty(duplicates);
    }

    [Fact]
    public void LeavingFrom_ListsOnlyMovesToAnotherStatus()
    {
        var moves = ConnectionStatusTransitions.LeavingFrom(ConnectionStatus.Verified);

        Assert.Equal(
            [(ConnectionEvent.Activated, ConnectionStatus.Active), (ConnectionEvent.CheckFailed, ConnectionStatus.Failing),
             (ConnectionEvent.ReachabilityChanged, ConnectionStatus.Unverified), (ConnectionEvent.Disabled, ConnectionStatus.Disabled)],
            moves.Select(m => (m.On, m.To)));
    }

    [Theory]
    [InlineData(ConnectionStatus.Verified, true, "Changing the address or credentials makes it Unverified (now Verified) until a Systems Check passes.")]
    [InlineData(ConnectionStatus.Verified, false, "Its status stays Verified: the name, time zone, environment, tables and behaviour do not change how the portal reaches ServiceNow.")]
    [InlineData(ConnectionStatus.Disabled, true, "It stays Disabled. Because the address or credentials change, the last check no longer counts: once enabled it is Unverified until a Systems Check passes.")]
    public void EditImpact_SaysWhatHappensToTheStatus(ConnectionStatus current, bool reachabilityChanged, string expected) =>
        Assert.Equal(expected, ConnectionEditImpact.Describe(current, reachabilityChanged));
}
