namespace SnConnectPortal.Web.Features.Account.EntraId;

/// <summary>Why a Microsoft sign-in did not get into the portal; the refusal page explains each.</summary>
public enum EntraIdRefusal
{
    /// <summary>The token carries none of the app roles or groups that give a portal role.</summary>
    NoRole,

    /// <summary>A portal Admin disabled the user's portal account.</summary>
    Disabled,

    /// <summary>The user name is taken by a local account, or is not one the portal can store.</summary>
    AccountConflict,

    /// <summary>The identity provider's answer was refused: another tenant's token, a bad signature, an error or a cancel.</summary>
    NotAccepted,
}
