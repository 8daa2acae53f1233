using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace MovieNews.Web.Data;

/// <summary>
/// Every stored time is UTC. SQLite keeps no offset, so times read back are marked UTC; PostgreSQL's
/// <c>timestamptz</c> refuses a time of unknown kind, so one written without a kind is taken as UTC, as SQLite takes it.
/// </summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    toStore => toStore.Kind == DateTimeKind.Local ? toStore.ToUniversalTime() : DateTime.SpecifyKind(toStore, DateTimeKind.Utc),
    fromStore => DateTime.SpecifyKind(fromStore, DateTimeKind.Utc));
