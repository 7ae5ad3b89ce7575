using SnConnectPortal.Web.Features.FieldMapping;

namespace SnConnectPortal.Web.Tests.Components.FieldMapping;

/// <summary>The screen's state: a preset replaces the rules, refusals follow every change, and Save is offered only for a change.</summary>
public sealed class FieldMappingEditorStateTests
{
    private readonly FieldMappingEditorState _state = new(new TableMappingValidator());

    [Fact]
    public void Preset_ReplacesRulesAndThreshold_KeepsTheFieldsRead_AndIsUnsaved()
    {
        _state.Load(new StoredMapping(new TableMapping { TargetFields = [new TargetField("urgency", "Urgency", 40)] }, false, null, null));

        _state.Apply(MappingPresets.Find(MappingPresets.IonixKey)!);

        Assert.True(_state.IsDirty);
        Assert.True(_state.IsValid);
        Assert.Equal(("urgency", 7.0m), (_state.Mapping.ThresholdField, _state.Mapping.ThresholdMinimum));
        Assert.Equal(40, _state.Mapping.MaxLengthOf("urgency"));
    }

    [Fact]
    public void NewRule_IsRefusedUntilItNamesItsFields_AndSavedClearsDirty()
    {
        _state.Load(new StoredMapping(new TableMapping(), false, null, null));

        _state.AddRule();
        var refused = _state.Errors.Keys.Order().ToList();
        _state.Mapping.Rules[0].Source = "title";
        _state.Mapping.Rules[0].Target = "short_description";
        _state.Validate();
        _state.Saved();

        Assert.Equal(["Rules[0].Source", "Rules[0].Target"], refused);
        Assert.True(_state.IsValid);
        Assert.False(_state.IsDirty);
        Assert.True(_state.Exists);
    }
}
