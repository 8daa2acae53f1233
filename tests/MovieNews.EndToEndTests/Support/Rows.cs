using System.Data.Common;

namespace MovieNews.EndToEndTests.Support;

/// <summary>Reads what the app stored straight from its database, whichever engine it is.</summary>
public static class Rows
{
    public static List<T> Read<T>(DbConnection connection, string sql, Func<DbDataReader, T> read)
    {
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
