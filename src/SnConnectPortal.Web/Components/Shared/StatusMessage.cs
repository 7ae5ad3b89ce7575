namespace SnConnectPortal.Web.Components.Shared;

/// <summary>What a <see cref="StatusLine"/> shows: the last action's outcome.</summary>
public sealed record StatusMessage(string Text, bool IsError)
{
    public static StatusMessage Ok(string text) => new(text, false);

    public static StatusMessage Error(string text) => new(text, true);
}
