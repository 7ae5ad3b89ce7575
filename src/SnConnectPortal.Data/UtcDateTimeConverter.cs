using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace SnConnectPortal.Data;

/// <summary>
/// Marks every <see cref="DateTime"/> read from the database as UTC. SQLite stores timestamps as text and
/// hands them back with <see cref="DateTimeKind.Unspecified"/>; the portal only ever stores UTC.
/// </summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value,
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
