var builder = WebApplication.CreateBuilder(args);

builder.AddPortalData();
builder.AddPortalCoordination();
builder.AddPortalDataProtection();
builder.AddPortalSecurity();
builder.AddPortalEntraId();
builder.AddPortalApiKeys();
builder.AddPortalTwoFactor();
builder.AddPortalWeb();
builder.AddPortalTelemetry();
builder.AddPortalConnections();
builder.AddPortalSystemsCheck();
builder.AddPortalInbound();
builder.AddPortalMessaging();
builder.AddPortalDashboard();
builder.AddPortalAlerts();
builder.AddPortalOutbound();
builder.AddPortalEvents();
builder.AddPortalFieldMapping();
builder.AddPortalDirectory();

var app = builder.Build();

app.UsePortal();
app.MapPortalDirectory();

app.Run();

/// <summary>The portal's entry point; public so that tests can host it with WebApplicationFactory.</summary>
public partial class Program;
