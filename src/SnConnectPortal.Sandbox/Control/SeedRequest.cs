namespace SnConnectPortal.Sandbox.Control;

/// <summary>Body of <c>POST /sandbox/seed</c>.</summary>
internal sealed record SeedRequest(int Users, int Groups, int Incidents);
