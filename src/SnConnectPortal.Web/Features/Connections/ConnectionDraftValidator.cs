using FluentValidation;
using Microsoft.Extensions.Options;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Features.Outbound;
using SnConnectPortal.Web.Validation;

namespace SnConnectPortal.Web.Features.Connections;

/// <summary>
/// Every rule of the wizard, one rule set per step (<see cref="WizardSteps"/>), each message written for an
/// administrator. Property names are the draft's, so the page shows each message next to its field.
/// </summary>
public sealed class ConnectionDraftValidator : AbstractValidator<ConnectionDraft>
{
    public const int MaxNameLength = FieldLengths.ConnectionName;
    public const int MaxIdentifierLength = FieldLengths.ConnectionIdentifier;
    public const int MaxSecretLength = 4096;

    public ConnectionDraftValidator(IConnectionNames names, IOptions<ConnectionsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(options);
        var connections = options.Value;

        RuleSet(WizardSteps.Instance, () =>
        {
            RuleFor(d => d.Name).Cascade(CascadeMode.Stop)
                .Must(name => !string.IsNullOrWhiteSpace(name)).WithMessage("Enter a name for this connection, like \"Acme production\".")
                .Must(name => name.Trim().Length <= MaxNameLength).WithMessage(LengthLimit.Message("A name", MaxNameLength))
                .Must(name => !name.Any(char.IsControl)).WithMessage("A name cannot contain line breaks or control characters.")
                .MustAsync((draft, name, ct) => names.IsAvailableAsync(name, draft.Id, ct))
                .WithMessage(draft => $"Another connection is already named \"{draft.Name.Trim()}\". Choose another name.");
            RuleFor(d => d.InstanceAddress).Custom((address, context) =>
            {
                if (InstanceAddress.Parse(address, connections).Error is { } error)
                {
                    context.AddFailure(nameof(ConnectionDraft.InstanceAddress), error);
                }
            });
            RuleFor(d => d.TimeZone).Must(IanaTimeZones.IsKnown)
                .WithMessage("Choose the instance's time zone from the list (an IANA name such as Europe/Amsterdam or UTC).");
            RuleFor(d => d.Environment).Must(environment => ConnectionChoices.Environments.Contains(environment))
                .WithMessage("Choose Production, Test or Development.");
        });

        RuleSet(WizardSteps.Authentication, () =>
            RuleFor(d => d.AuthMode).IsInEnum().WithMessage("Choose how the portal signs in to ServiceNow."));

        RuleSet(WizardSteps.Credentials, () =>
        {
            RuleFor(d => d.UserName).Cascade(CascadeMode.Stop)
                .Must(name => !string.IsNullOrWhiteSpace(name)).When(d => SecretKinds.NeedsUserName(d.AuthMode))
                .WithMessage("Enter the integration user's user ID (its user_name in ServiceNow).")
                .Must(name => name is null || name.Trim().Length <= MaxIdentifierLength)
                .WithMessage(LengthLimit.Message("A user ID", MaxIdentifierLength));
            RuleFor(d => d.ClientId).Cascade(CascadeMode.Stop)
                .Must(id => !string.IsNullOrWhiteSpace(id)).When(d => SecretKinds.NeedsClientId(d.AuthMode))
                .WithMessage("Enter the OAuth client id from System OAuth > Application Registry.")
                .Must(id => id is null || id.Trim().Length <= MaxIdentifierLength)
                .WithMessage(LengthLimit.Message("A client id", MaxIdentifierLength));
            RuleFor(d => d.PasswordExpiresOn).Must(date => date is null || date.Value.Year is >= 2000 and <= 2999)
                .When(d => SecretKinds.RequiredBy(d.AuthMode).Contains(SecretKind.Password))
                .WithMessage("Enter the date the password expires (between the years 2000 and 2999), or leave it empty.");
            RuleFor(d => d).Custom((draft, context) =>
            {
                foreach (var kind in SecretKinds.RequiredBy(draft.AuthMode))
                {
                    var property = SecretProperty(kind);
                    if (!draft.HasSecret(kind))
                    {
                        context.AddFailure(property, $"Enter the {SecretKinds.Label(kind)}.");
                    }
                    else if (draft.NewSecrets.TryGetValue(kind, out var value) && value.Length > MaxSecretLength)
                    {
                        context.AddFailure(property, LengthLimit.Message("A " + SecretKinds.Label(kind), MaxSecretLength));
                    }
                }
            });
        });

        RuleSet(WizardSteps.Behaviour, () =>
        {
            RuleFor(d => d.Tables).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Choose at least one table to integrate.")
                .Must(tables => tables.All(t => ConnectionChoices.Tables.Contains(t)))
                .WithMessage($"Choose tables from the list ({string.Join(", ", ConnectionChoices.Tables)}).");
            RuleFor(d => d.OutboundRateLimitCount).InclusiveBetween(1, OutboundRateLimit.MaxCount).When(d => d.LimitOutboundRate)
                .WithMessage($"The rate limit is between 1 and {OutboundRateLimit.MaxCount:N0} deliveries.");
            RuleFor(d => d.OutboundRateLimitPeriod).IsInEnum().WithMessage("Choose a second, a minute or an hour.");
            RuleFor(d => d.ScheduledCheckMinutes)
                .InclusiveBetween(Alerts.ScheduledSystemsChecks.MinMinutes, Alerts.ScheduledSystemsChecks.MaxMinutes).When(d => d.ScheduleChecks)
                .WithMessage($"Run the Systems Check every {Alerts.ScheduledSystemsChecks.MinMinutes} to {Alerts.ScheduledSystemsChecks.MaxMinutes:N0} minutes (a day).");
        });
    }

    /// <summary>The property name a secret's message is reported under (the page shows it next to that field).</summary>
    public static string SecretProperty(SecretKind kind) => "Secret." + kind;

    /// <summary>Every rule set, for a final check before saving.</summary>
    public static IReadOnlyList<string> AllRuleSets { get; } =
        [WizardSteps.Instance, WizardSteps.Authentication, WizardSteps.Credentials, WizardSteps.Behaviour];
}
