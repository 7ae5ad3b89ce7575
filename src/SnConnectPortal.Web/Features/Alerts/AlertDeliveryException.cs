namespace SnConnectPortal.Web.Features.Alerts;

/// <summary>A notice could not be delivered to one recipient, with the reason in words for the Alerts page.</summary>
public sealed class AlertDeliveryException(string message) : Exception(message);
