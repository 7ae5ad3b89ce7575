using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.Connections;
using SnConnectPortal.Web.Sandbox;

namespace SnConnectPortal.Web.Tests.Components.Connections;

public sealed class ConnectionWizardStepperTests : PortalComponentTest
{
    private readonly ConnectionWizardState _wizard;
    private readonly List<bool> _saves = [];
    private int _cancels;

    public ConnectionWizardStepperTests()
    {
        var options = Options.Create(new ConnectionsOptions());
        _wizard = new ConnectionWizardState(new ConnectionDraftValidator(new NoNamesTaken(), options), options);
        Context.Services.AddHttpClient();
        Context.Services.AddSingleton(Options.Create(new SandboxOptions()));
        Context.Services.AddSingleton<SandboxInstance>();
    }

    [Fact]
    public void Next_WithAnEmptyInstanceStep_StaysThere_AndShowsEachMessageBesideItsField()
    {
        var stepper = Render(new ConnectionDraft());

        stepper.Find("[data-testid=wizard-next]").Click();

        stepper.WaitForAssertion(() => Assert.Contains("Enter a name for this connection", stepper.Find("[data-testid=error-Name]").TextContent, StringComparison.Ordinal));
        Assert.NotEmpty(stepper.FindAll("[data-testid=error-InstanceAddress]"));
        Assert.Equal("true", stepper.Find("[data-testid=conn-name]").GetAttribute("aria-invalid"));
        Assert.NotEmpty(stepper.FindAll("[data-testid=step-instance]"));
    }

    [Fact]
    public void Next_WithAValidInstance_ShowsTheAuthenticationStep()
    {
        var stepper = Render(new ConnectionDraft { Name = "Acme", InstanceAddress = "acme" });

        stepper.Find("[data-testid=wizard-next]").Click();

        stepper.WaitForAssertion(() => Assert.NotEmpty(stepper.FindAll("[data-testid=step-authentication]")));
        Assert.Empty(stepper.FindAll("[data-testid=step-instance]"));
    }

    [Fact]
    public void ClickingTheReviewHeader_StopsAtTheFirstStepThatDoesNotPass()
    {
        var stepper = Render(new ConnectionDraft { Name = "Acme", InstanceAddress = "acme" });

        Header(stepper, "Review").Click();

        stepper.WaitForAssertion(() => Assert.NotEmpty(stepper.FindAll("[data-testid=step-credentials]")));
        Assert.Equal("Enter the password.", stepper.Find("[data-testid='error-Secret.Password']").TextContent);
        Assert.Equal("true", Header(stepper, "Credentials").GetAttribute("aria-selected"));
    }

    [Fact]
    public void Back_ReturnsToThePreviousStep_AndIsDisabledOnTheFirst()
    {
        var stepper = Render(new ConnectionDraft { Name = "Acme", InstanceAddress = "acme" }, step: 1);

        stepper.Find("[data-testid=wizard-back]").Click();

        stepper.WaitForAssertion(() => Assert.NotEmpty(stepper.FindAll("[data-testid=step-instance]")));
        Assert.True(stepper.Find("[data-testid=wizard-back]").HasAttribute("disabled"));
    }

    [Fact]
    public void TheReviewStep_HasNoNext_AndItsButtonsSaveWithOrWithoutACheck()
    {
        var stepper = Render(new ConnectionDraft { Name = "Acme", InstanceAddress = "acme" }, step: 4);

        stepper.Find("[data-testid=save-draft]").Click();
        stepper.Find("[data-testid=save-check]").Click();

        Assert.Empty(stepper.FindAll("[data-testid=wizard-next]"));
        Assert.Equal([false, true], _saves);
    }

    [Fact]
    public void TheReview_SaysANewSecretMakesAVerifiedConnectionUnverified()
    {
        var draft = new ConnectionDraft { Id = 7, Name = "Acme", InstanceAddress = "acme" };
        var stepper = Render(draft, step: 3, storedStatus: ConnectionStatus.Verified);
        draft.SetSecret(SecretKind.Password, "typed after the wizard opened");

        stepper.Find("[data-testid=wizard-next]").Click();

        stepper.WaitForAssertion(() => Assert.NotEmpty(stepper.FindAll("[data-testid=status-after-save]")));
        Assert.Equal("Changing the address or credentials makes it Unverified (now Verified) until a Systems Check passes.",
            stepper.Find("[data-testid=status-after-save]").TextContent);
    }

    [Fact]
    public void Cancel_IsLeftToThePage()
    {
        var stepper = Render(new ConnectionDraft());

        stepper.Find("[data-testid=wizard-cancel]").Click();

        Assert.Equal(1, _cancels);
    }

    private IRenderedComponent<ConnectionWizardStepper> Render(ConnectionDraft draft, int step = 0, ConnectionStatus? storedStatus = null)
    {
        _wizard.Start(draft, step);
        RenderPopoverProvider();
        var stepper = Context.Render<ConnectionWizardStepper>(parameters => parameters
            .Add(p => p.Wizard, _wizard)
            .Add(p => p.StoredStatus, storedStatus)
            .Add(p => p.OnSave, (bool check) => _saves.Add(check))
            .Add(p => p.OnCancel, () => _cancels++));
        stepper.WaitForAssertion(() => Assert.NotEmpty(stepper.FindAll($"[data-testid={StepTestIds[step]}]")));
        return stepper;
    }

    private static readonly string[] StepTestIds = ["step-instance", "step-authentication", "step-credentials", "step-behaviour", "step-review"];

    private static AngleSharp.Dom.IElement Header(IRenderedComponent<ConnectionWizardStepper> stepper, string title) =>
        stepper.FindAll("[role=tab]").Single(tab => tab.TextContent.Contains(title, StringComparison.Ordinal));

    private sealed class NoNamesTaken : IConnectionNames
    {
        public Task<bool> IsAvailableAsync(string name, long? exceptId, CancellationToken cancellationToken) => Task.FromResult(true);
    }
}
