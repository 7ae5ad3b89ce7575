using System.Globalization;

namespace SnConnectPortal.Web.Features.Messages.AcrossNodes;

/// <summary>
/// The text of one notification between portal nodes: the sending node (its <see cref="Coordination.NodeIdentity"/> name), how many messages it added, and the
/// connections concerned, e.g. <c>web-2:4711:9f03a1 500 3,7</c>; <c>*</c> instead of the connections when they are too many
/// for a notification (PostgreSQL refuses payloads of 8000 bytes or more) or not known.
/// </summary>
public static class NodeNewsPayload
{
    /// <summary>The PostgreSQL channel the nodes notify and listen on (channels are per database).</summary>
    public const string Channel = "sncp_messages";

    private const int MaxLength = 7000;
    private const string AnyConnection = "*";

    public static string Format(string node, MessagesCommitted committed)
    {
        ArgumentNullException.ThrowIfNull(committed);
        var prefix = string.Create(CultureInfo.InvariantCulture, $"{node} {committed.Count} ");
        if (!committed.AnyConnection && committed.ConnectionIds.Count > 0)
        {
            var ids = string.Join(',', committed.ConnectionIds.Select(id => id.ToString(CultureInfo.InvariantCulture)));
            if (prefix.Length + ids.Length <= MaxLength)
            {
                return prefix + ids;
            }
        }

        return prefix + AnyConnection;
    }

    /// <summary>Reads a payload; false for text another program (or a later version) sent on the channel.</summary>
    public static bool TryParse(string payload, out string node, out MessagesCommitted committed)
    {
        ArgumentNullException.ThrowIfNull(payload);
        node = "";
        committed = new MessagesCommitted(0, []);
        var parts = payload.Split(' ');
        if (parts.Length != 3 || parts[0].Length == 0
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return false;
        }

        if (parts[2] == AnyConnection)
        {
            (node, committed) = (parts[0], new MessagesCommitted(count, []) { FromOtherNode = true, AnyConnection = true });
            return true;
        }

        var ids = new List<long>();
        foreach (var id in parts[2].Split(','))
        {
            if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var connectionId))
            {
                return false;
            }

            ids.Add(connectionId);
        }

        (node, committed) = (parts[0], new MessagesCommitted(count, ids) { FromOtherNode = true });
        return true;
    }
}
