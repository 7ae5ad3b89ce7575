namespace SnConnectPortal.Data;

public sealed class Placeholder;
