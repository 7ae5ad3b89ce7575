namespace SnConnectPortal.Data;

/// <summary>
/// Which portal node runs a job (the scheduled user imports, the message purge, ...) and until when. Of several nodes
/// on one database, the one whose name is in <see cref="Holder"/> runs the job; another takes the row over only once
/// <see cref="ExpiresAt"/> has passed, so a node that dies holds on to nothing for long.
/// </summary>
public class JobLease
{
    /// <summary>The job, e.g. <c>user-imports</c>.</summary>
    public required string Name { get; set; }

    /// <summary>The node that holds the lease: its machine name, process id and a random part.</summary>
    public required string Holder { get; set; }

    public DateTime ExpiresAt { get; set; }
}
