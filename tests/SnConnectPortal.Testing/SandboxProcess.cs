namespace SnConnectPortal.Testing;

public sealed class SandboxProcess;
