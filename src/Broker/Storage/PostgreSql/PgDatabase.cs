using Microsoft.Extensions.Options;
using Npgsql;

namespace Broker.Storage.PostgreSql;

/// <summary>
/// The PostgreSQL database every node shares: one pooled <see cref="NpgsqlDataSource"/> for the process, built from
/// <c>ConnectionStrings:Broker</c>. The schema is brought up to date (<see cref="PgMigrations"/>) before the first
/// connection is handed out, so no store ever sees an older schema.
/// </summary>
public sealed class PgDatabase : IAsyncDisposable, IDisposable
{
    public PgDatabase(IConfiguration configuration, ILogger<PgDatabase> logger)
        : this(ConnectionStringFrom(configuration), logger)
    {
    }

    public PgDatabase(string connectionString, ILogger logger)
    {
        ConnectionString = connectionString;
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.ApplicationName ??= "broker";

        // The dispatch path runs the same few statements thousands of times a second: prepared once per connection, each
        // then costs one round trip without parse or plan. A connection string that sets Max Auto Prepare keeps its own.
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
        }
        DataSource = builder.Build();
        PgMigrations.Apply(DataSource, logger);
    }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) => DataSource.OpenConnectionAsync(cancellationToken);

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    public void Dispose() => DataSource.Dispose();

    /// <summary>The configured connection string, or a start-up error that names the missing key.</summary>
    public static string ConnectionStringFrom(IConfiguration configuration) =>
        configuration.GetConnectionString(StorageOptions.ConnectionStringName) is { Length: > 0 } configured
            ? configured
            : throw new OptionsValidationException(
                "ConnectionStrings:" + StorageOptions.ConnectionStringName,
                typeof(StorageOptions),
                [$"Storage:Provider is PostgreSql but ConnectionStrings:{StorageOptions.ConnectionStringName} is not set (for example \"Host=db;Database=broker;Username=broker;Password=...\")."]);
}
