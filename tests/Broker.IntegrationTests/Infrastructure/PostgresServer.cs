using Broker.Testing.PostgreSql;
using Npgsql;

namespace Broker.IntegrationTests.Infrastructure;

/// <summary>
/// A real PostgreSQL for the tests: the server named by <c>BROKER_TEST_POSTGRES</c> (an administrator's connection
/// string; <c>.ci/run</c> starts a throwaway cluster and sets it), or else a throwaway cluster of this test run's own
/// (<see cref="ThrowawayPostgres"/>, fast and not durable), stopped when the run ends. Each test gets a database of its own.
/// </summary>
public static class PostgresServer
{
    public const string Variable = "BROKER_TEST_POSTGRES";

    private static readonly Lazy<string> Admin = new(StartOrFind, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The administrator's connection string (to the <c>postgres</c> database).</summary>
    public static string AdminConnectionString => Admin.Value;

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix = "t")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true, MaxPoolSize = 30 }.ConnectionString;
    }

    /// <inheritdoc cref="ThrowawayPostgres.FindBinaries"/>
    public static string? FindBinaries() => ThrowawayPostgres.FindBinaries();

    private static string StartOrFind()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            return given;
        }

        if (FindBinaries() is null)
        {
            throw new InvalidOperationException(
                $"PostgreSQL is not installed: install Debian's postgresql package (.ci/run does), or set {Variable} to an administrator's connection string.");
        }

        var server = ThrowawayPostgres.Start(["fsync=off", "synchronous_commit=off", "full_page_writes=off", "max_connections=400"]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                server.Dispose();
            }
#pragma warning disable CA1031 // Best effort at exit: the folder is a temporary one.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        };
        return server.AdminConnectionString;
    }
}
