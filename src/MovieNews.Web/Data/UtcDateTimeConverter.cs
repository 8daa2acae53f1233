using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace MovieNews.Web.Data;

/// <summary>SQLite keeps no offset: every stored time is UTC, so mark it so when it is read back.</summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    toStore => toStore.Kind == DateTimeKind.Local ? toStore.ToUniversalTime() : toStore,
    fromStore => DateTime.SpecifyKind(fromStore, DateTimeKind.Utc));
