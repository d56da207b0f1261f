using System.Reflection;
using DbUp;
using DbUp.Engine.Output;
using Npgsql;

namespace Broker.Storage.PostgreSql;

/// <summary>
/// Versioned schema migrations: the SQL scripts embedded from <c>Storage/PostgreSql/Migrations</c>, applied by DbUp in
/// name order and recorded in <c>broker_schema_versions</c>. Every script still to run is applied in one transaction, so
/// an out-of-date schema is brought fully up to date or left as it was, never half-applied. Nodes starting together take
/// turns on an advisory lock: the first applies, the others find nothing left to do.
/// </summary>
public static partial class PgMigrations
{
    /// <summary>The advisory lock key that serialises migrations across nodes ("broker-migrations").</summary>
    private const long LockKey = 0x62726f6b65726d67;

    public static void Apply(NpgsqlDataSource dataSource, ILogger logger)
    {
        using var connection = dataSource.OpenConnection();
        using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
        {
            take.Parameters.AddWithValue("key", LockKey);
            take.ExecuteNonQuery();
        }

        try
        {
            var engine = DeployChanges.To
                .PostgresqlDatabase(dataSource.ConnectionString)
                .JournalToPostgresqlTable("public", "broker_schema_versions")
                .WithScriptsEmbeddedInAssembly(Assembly.GetExecutingAssembly(), name => name.Contains(".PostgreSql.Migrations.", StringComparison.Ordinal))
                .WithTransaction()
                .LogTo(new UpgradeLog(logger))
                .Build();
            var result = engine.PerformUpgrade();
            if (!result.Successful)
            {
                throw new InvalidOperationException(
                    $"The PostgreSQL schema could not be brought up to date: script {result.ErrorScript?.Name} failed ({result.Error?.Message}); nothing was changed.",
                    result.Error);
            }
        }
        finally
        {
            using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            release.Parameters.AddWithValue("key", LockKey);
            release.ExecuteNonQuery();
        }
    }

    private sealed partial class UpgradeLog(ILogger logger) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) => Log.Trace(logger, Format(format, args));

        public void LogDebug(string format, params object[] args) => Log.Trace(logger, Format(format, args));

        public void LogInformation(string format, params object[] args) => Log.Information(logger, Format(format, args));

        public void LogWarning(string format, params object[] args) => Log.Warning(logger, Format(format, args));

        public void LogError(string format, params object[] args) => Log.Error(logger, null, Format(format, args));

        public void LogError(Exception ex, string format, params object[] args) => Log.Error(logger, ex, Format(format, args));

        private static string Format(string format, object[] args) =>
            args.Length == 0 ? format : string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args);
    }

    private static partial class Log
    {
        [LoggerMessage(7201, LogLevel.Debug, "Schema migration: {Message}")]
        public static partial void Trace(ILogger logger, string message);

        [LoggerMessage(7202, LogLevel.Information, "Schema migration: {Message}")]
        public static partial void Information(ILogger logger, string message);

        [LoggerMessage(7203, LogLevel.Warning, "Schema migration: {Message}")]
        public static partial void Warning(ILogger logger, string message);

        [LoggerMessage(7204, LogLevel.Error, "Schema migration: {Message}")]
        public static partial void Error(ILogger logger, Exception? exception, string message);
    }
}
