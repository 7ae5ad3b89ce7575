using Microsoft.Extensions.Options;

namespace SnConnectPortal.Web.Features.Inbound;

/// <summary>Section <c>Inbound</c>: limits of the receiver that ServiceNow posts to.</summary>
public sealed class InboundOptions
{
    public const string SectionName = "Inbound";

    /// <summary>Largest accepted body, in bytes: 10 MB like ServiceNow's own REST limit (glide.rest.max_content_length).</summary>
    public long MaxRequestBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Deepest accepted JSON nesting.</summary>
    public int MaxJsonDepth { get; set; } = 64;

    /// <summary>Most attachments one message may describe; a message with more is refused with 413 and not stored.</summary>
    public int MaxAttachments { get; set; } = 100;

    /// <summary>Credentials not yet verified (each costs a slow hash) one client address (IPv6: its /64) may present per minute; more get 429.</summary>
    public int AuthAttemptsPerAddressPerMinute { get; set; } = 30;

    /// <summary>Credentials not yet verified one connection key may be presented per minute, from all addresses together; more get 429.</summary>
    public int AuthAttemptsPerEndpointPerMinute { get; set; } = 60;

    /// <summary>Credentials that may wait for a free core to be hashed; beyond that, 503 with Retry-After.</summary>
    public int AuthHashQueueLimit { get; set; } = 8;

    /// <summary>Messages per second one connection may send, unless its endpoint sets its own.</summary>
    public int DefaultRateLimitPerSecond { get; set; } = 1000;

    /// <summary>How long a credential, once verified against its slow hash, is accepted from the in-process cache.</summary>
    public int CredentialCacheSeconds { get; set; } = 60;

    /// <summary>Most messages written in one transaction.</summary>
    public int WriteBatchSize { get; set; } = 500;

    /// <summary>
    /// SQLite only: sync the write-ahead log on every batch (<c>synchronous = FULL</c>), so that an acknowledged
    /// message also survives a power loss or OS crash, at about half the throughput. Off: <c>NORMAL</c>, which
    /// survives a killed process.
    /// </summary>
    public bool SqliteSynchronousFull { get; set; }

    /// <summary>Messages waiting for the writer before new requests wait for room.</summary>
    public int QueueCapacity { get; set; } = 20_000;

    /// <summary>The portal's address as ServiceNow reaches it (e.g. https://portal.example.com/); empty = the address in the browser.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Benchmarks only: also map <c>/api/inbound-bare/{key}</c>, which checks everything but stores nothing.</summary>
    public bool BareBenchmarkEndpoint { get; set; }
}

internal sealed class InboundOptionsValidator : IValidateOptions<InboundOptions>
{
    public ValidateOptionsResult Validate(string? name, InboundOptions options)
    {
        List<string> errors = [];
        Check(options.MaxRequestBytes is >= 1024 and <= 1024L * 1024 * 1024, $"Inbound:MaxRequestBytes must be between 1024 and 1073741824 (was {options.MaxRequestBytes}).");
        Check(options.MaxJsonDepth is >= 4 and <= 1000, $"Inbound:MaxJsonDepth must be between 4 and 1000 (was {options.MaxJsonDepth}).");
        Check(options.MaxAttachments is >= 0 and <= 10_000, $"Inbound:MaxAttachments must be between 0 and 10000 (was {options.MaxAttachments}).");
        Check(options.AuthAttemptsPerAddressPerMinute is >= 1 and <= 100_000, $"Inbound:AuthAttemptsPerAddressPerMinute must be between 1 and 100000 (was {options.AuthAttemptsPerAddressPerMinute}).");
        Check(options.AuthAttemptsPerEndpointPerMinute is >= 1 and <= 100_000, $"Inbound:AuthAttemptsPerEndpointPerMinute must be between 1 and 100000 (was {options.AuthAttemptsPerEndpointPerMinute}).");
        Check(options.AuthHashQueueLimit is >= 0 and <= 10_000, $"Inbound:AuthHashQueueLimit must be between 0 and 10000 (was {options.AuthHashQueueLimit}).");
        Check(options.DefaultRateLimitPerSecond is >= 1 and <= 1_000_000, $"Inbound:DefaultRateLimitPerSecond must be between 1 and 1000000 (was {options.DefaultRateLimitPerSecond}).");
        Check(options.CredentialCacheSeconds is >= 0 and <= 3600, $"Inbound:CredentialCacheSeconds must be between 0 and 3600 (was {options.CredentialCacheSeconds}).");
        Check(options.WriteBatchSize is >= 1 and <= 5000, $"Inbound:WriteBatchSize must be between 1 and 5000 (was {options.WriteBatchSize}).");
        Check(options.QueueCapacity is >= 1 and <= 1_000_000, $"Inbound:QueueCapacity must be between 1 and 1000000 (was {options.QueueCapacity}).");
        Check(string.IsNullOrEmpty(options.PublicBaseUrl) || Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https",
            $"Inbound:PublicBaseUrl must be an absolute http or https address (was '{options.PublicBaseUrl}').");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);

        void Check(bool ok, string error)
        {
            if (!ok)
            {
                errors.Add(error);
            }
        }
    }
}
