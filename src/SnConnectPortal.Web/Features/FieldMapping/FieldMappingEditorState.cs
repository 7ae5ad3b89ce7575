using FluentValidation;

namespace SnConnectPortal.Web.Features.FieldMapping;

/// <summary>
/// The field mapping screen's state for one table, without markup: the saved mapping, the one being edited, its
/// refusals by property path (checked again on every change) and whether there is anything to save.
/// </summary>
public sealed class FieldMappingEditorState(IValidator<TableMapping> validator)
{
    private string _saved = "";

    public TableMapping Mapping { get; private set; } = new();

    /// <summary>Whether the table has a saved mapping (without one, its events pass through as sent).</summary>
    public bool Exists { get; private set; }

    /// <summary>The preset last picked, for the audit log; null once the rules are edited by hand only.</summary>
    public string? Preset { get; private set; }

    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public bool IsValid => Errors.Count == 0;

    /// <summary>Something differs from what is saved (a table without a mapping counts as unsaved once it has a rule or threshold).</summary>
    public bool IsDirty => Snapshot(Mapping) != _saved;

    public void Load(StoredMapping stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        Mapping = stored.Mapping.Copy();
        Exists = stored.Exists;
        Preset = null;
        _saved = Snapshot(stored.Mapping);
        Validate();
    }

    /// <summary>Replaces the rules and threshold with the preset's; the fields read from the instance stay.</summary>
    public void Apply(MappingPreset preset)
    {
        ArgumentNullException.ThrowIfNull(preset);
        var fresh = preset.Create();
        Mapping.Rules = fresh.Rules;
        Mapping.ThresholdField = fresh.ThresholdField;
        Mapping.ThresholdMinimum = fresh.ThresholdMinimum;
        Preset = preset.Key;
        Validate();
    }

    public void AddRule()
    {
        Mapping.Rules.Add(new MappingRule { Kind = MappingRuleKind.Copy });
        Validate();
    }

    public void RemoveRule(int index)
    {
        Mapping.Rules.RemoveAt(index);
        Validate();
    }

    public void SetTargetFields(IReadOnlyList<TargetField> fields, DateTime readAt)
    {
        Mapping.TargetFields = [.. fields];
        Mapping.TargetFieldsReadAt = readAt;
        Validate();
    }

    /// <summary>Checks the mapping again (after any change); the first refusal of each property is kept.</summary>
    public void Validate() =>
        Errors = validator.Validate(Mapping).Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.First().ErrorMessage);

    /// <summary>After a save, or with the server's refusals.</summary>
    public void Saved()
    {
        Exists = true;
        _saved = Snapshot(Mapping);
    }

    private static string Snapshot(TableMapping mapping) =>
        string.Join('\u001f', TableMapping.RulesJson(mapping.Rules), mapping.ThresholdField ?? "", mapping.ThresholdMinimum?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            TableMapping.FieldsJson(mapping.TargetFields));
}
