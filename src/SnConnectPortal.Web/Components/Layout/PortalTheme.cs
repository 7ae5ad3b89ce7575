using MudBlazor;

namespace SnConnectPortal.Web.Components.Layout;

/// <summary>
/// The portal's colours, light and dark: a deep teal brand bar and a green accent on a quiet surface. Every colour a text
/// sits on keeps a contrast of at least 4.5:1 with that text (WCAG AA; the page survey's axe scans check it): in dark,
/// the light accents carry dark text.
/// </summary>
public static class PortalTheme
{
    private const string DarkText = "#0b1f1a";

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1a7560",
            PrimaryDarken = "#145c4b",
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
            Warning = "#9a5b00",
            Error = "#b3261e",
            Success = "#1f7a4d",
            Info = "#1d6fa3",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#4cc29f",
            PrimaryContrastText = DarkText,
            PrimaryDarken = "#36a786",
            PrimaryLighten = "#7fd8bd",
            Secondary = "#9fd3c7",
            SecondaryContrastText = DarkText,
            AppbarBackground = "#0b2b2c",
            AppbarText = "#e8f1ee",
            Background = "#121a1d",
            Surface = "#1b2529",
            DrawerBackground = "#162023",
            DrawerText = "#dbe5e2",
            TextPrimary = "#e3ebe8",
            TextSecondary = "#a7b6b1",
            Warning = "#f0a63a",
            WarningContrastText = DarkText,
            Error = "#f2867d",
            ErrorContrastText = DarkText,
            Success = "#5bc98d",
            SuccessContrastText = DarkText,
            Info = "#6cb4e4",
            InfoContrastText = DarkText,
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px" },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"] },
        },
    };
}
