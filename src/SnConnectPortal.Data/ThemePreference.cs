namespace SnConnectPortal.Data;

/// <summary>How a portal user wants the portal's colours: as their browser asks, or always light or dark.</summary>
public enum ThemePreference
{
    System,
    Light,
    Dark,
}
