using FluentValidation;
using SnConnectPortal.Data;
using SnConnectPortal.Web.Validation;

namespace SnConnectPortal.Web.Features.ApiKeys;

/// <summary>What an Admin enters to create an API key.</summary>
public sealed class NewApiKey
{
    public string Name { get; set; } = "";

    public HashSet<string> Scopes { get; set; } = [];

    /// <summary>Days until the key stops working; null for never.</summary>
    public int? ExpiresInDays { get; set; }
}

/// <summary>The rules for a new API key; property names are the model's, so the page shows each message beside its field.</summary>
public sealed class NewApiKeyValidator : AbstractValidator<NewApiKey>
{
    public const int MaxExpiresInDays = 3650;

    public NewApiKeyValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(k => k.Name)
            .Must(name => !string.IsNullOrWhiteSpace(name)).WithMessage("Enter a name, e.g. the monitoring system that uses the key.")
            .Must(name => LengthLimit.Check("A name", name, FieldLengths.ApiKeyName) is null)
            .WithMessage(k => LengthLimit.Check("A name", k.Name, FieldLengths.ApiKeyName));
        RuleFor(k => k.Scopes)
            .NotEmpty().WithMessage("Choose at least one scope.")
            .Must(scopes => scopes.All(ApiKeyScopes.IsKnown)).WithMessage("Choose scopes from the list.");
        RuleFor(k => k.ExpiresInDays)
            .InclusiveBetween(1, MaxExpiresInDays).WithMessage($"A key expires after 1 to {MaxExpiresInDays:N0} days, or never.");
    }
}
