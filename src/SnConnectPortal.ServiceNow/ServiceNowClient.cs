namespace SnConnectPortal.ServiceNow;

public sealed class ServiceNowClient;
