namespace SnConnectPortal.Web.Features.Connections;

/// <summary>The wizard's steps, in order; each name is also the validator's rule set for that step.</summary>
public static class WizardSteps
{
    public const string Instance = "Instance";
    public const string Authentication = "Authentication";
    public const string Credentials = "Credentials";
    public const string Behaviour = "Behaviour";
    public const string Review = "Review";

    public static IReadOnlyList<string> All { get; } = [Instance, Authentication, Credentials, Behaviour, Review];

    public static IReadOnlyList<string> Titles { get; } = ["Instance", "Authentication", "Credentials", "Tables and behaviour", "Review"];
}
