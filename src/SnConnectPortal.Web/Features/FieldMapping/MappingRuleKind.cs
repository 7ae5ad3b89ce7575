namespace SnConnectPortal.Web.Features.FieldMapping;

/// <summary>How a mapping rule makes its target field's value. Stored by name in the rules' JSON.</summary>
public enum MappingRuleKind
{
    /// <summary>The source field's value as it is.</summary>
    Copy,

    /// <summary>The same text for every event.</summary>
    Constant,

    /// <summary>The source value looked up in a list (any case, spaces around ignored), else the default.</summary>
    ValueMap,

    /// <summary>The source value read as a number and placed in the first range that holds it, else the default.</summary>
    Range,

    /// <summary>Text with <c>{{field}}</c> placeholders filled from the event.</summary>
    Template,

    /// <summary>The source value names a hub user, resolved through the user mapping when the message is delivered.</summary>
    User,
}
