using MudBlazor;

namespace SnConnectPortal.Web.Components.Layout;

/// <summary>The portal's colours, light and dark: a deep teal brand bar and a green accent on a quiet surface.</summary>
public static class PortalTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f8a70",
            PrimaryDarken = "#176a56",
            PrimaryLighten = "#43a98d",
            Secondary = "#0f3d3e",
            AppbarBackground = "#0f3d3e",
            AppbarText = "#ffffff",
            Background = "#f5f7f6",
            Surface = "#ffffff",
            DrawerBackground = "#ffffff",
            DrawerText = "#16232a",
            TextPrimary = "#16232a",
            TextSecondary = "#5b6b73",
            Warning = "#b26a00",
            Error = "#b3261e",
            Success = "#1f7a4d",
            Info = "#1d6fa3",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#4cc29f",
            PrimaryDarken = "#36a786",
            PrimaryLighten = "#7fd8bd",
            Secondary = "#9fd3c7",
            AppbarBackground = "#0b2b2c",
            AppbarText = "#e8f1ee",
            Background = "#121a1d",
            Surface = "#1b2529",
            DrawerBackground = "#162023",
            DrawerText = "#dbe5e2",
            TextPrimary = "#e3ebe8",
            TextSecondary = "#a7b6b1",
            Warning = "#f0a63a",
            Error = "#f2867d",
            Success = "#5bc98d",
            Info = "#6cb4e4",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px" },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"] },
        },
    };
}
