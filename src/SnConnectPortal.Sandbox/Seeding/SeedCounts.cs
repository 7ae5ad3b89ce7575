namespace SnConnectPortal.Sandbox.Seeding;

internal sealed record SeedCounts(int Users, int Groups, int Incidents);
