using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace MovieNews.Web.Data;

/// <summary>A value longer than its column allows, named so the person who sent it can fix it.</summary>
public sealed class StoredValueTooLongException(string entity, string property, int length, int maxLength)
    : InvalidOperationException($"{entity}.{property} is {length:N0} characters long; at most {maxLength:N0} can be stored.")
{
    public string Entity { get; } = entity;
    public string Property { get; } = property;
}

/// <summary>
/// Column lengths are enforced before anything is written, the same on every engine: PostgreSQL refuses an
/// over-long value with an error, SQLite would silently store it. Forms check their fields first; this is the
/// rule underneath for everything else (imports above all).
/// </summary>
internal static class StoredLengths
{
    public static void Check(ChangeTracker changes)
    {
        foreach (var entry in changes.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            foreach (var property in entry.Properties)
            {
                if (property.CurrentValue is string value && property.Metadata.GetMaxLength() is { } max && value.Length > max
                    && (entry.State == EntityState.Added || property.IsModified))
                {
                    throw new StoredValueTooLongException(entry.Metadata.ClrType.Name, property.Metadata.Name, value.Length, max);
                }
            }
        }
    }
}
