using Broker.Storage;
using Broker.Storage.PostgreSql;
using Npgsql;

namespace Broker.Migration;

/// <summary>
/// <c>broker migrate --to postgres</c>: copies the configured LiteDB installation (<c>Storage:DatabasePath</c>) into the
/// PostgreSQL database of <c>ConnectionStrings:Broker</c>, then compares the counts of every kind on both sides. Safe
/// to run again; refuses while a broker runs on the file. Reads the broker's own configuration (appsettings, environment,
/// and <c>--Section:Key=value</c> arguments).
/// </summary>
internal static class MigrateCommand
{
    public const string Name = "migrate";

    public const string Usage = """
        Usage: broker migrate --to postgres [--Section:Key=value ...]

          Copies the LiteDB installation of Storage:DatabasePath into the PostgreSQL database of
          ConnectionStrings:Broker (required), then checks the counts of each kind on both sides.
          Stop the broker first. Safe to run again: what is already copied is left as it is.
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (Parse(args) is not { } settings)
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        try
        {
            return await MigrateAsync(Configuration(settings), output, cancellationToken) ? 0 : 1;
        }
        catch (MigrationRefusedException ex)
        {
            await error.WriteLineAsync($"migrate: {ex.Message}");
            return 1;
        }
        catch (NpgsqlException ex)
        {
            await error.WriteLineAsync($"migrate: PostgreSQL failed: {ex.Message}");
            return 1;
        }
    }

    /// <summary>The configuration arguments after <c>migrate --to postgres</c>, or null when the arguments are not that.</summary>
    private static string[]? Parse(string[] args)
    {
        string? target = null;
        var settings = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--to" && i + 1 < args.Length)
            {
                target = args[++i];
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && args[i].Contains(':', StringComparison.Ordinal))
            {
                settings.Add(args[i]);
                if (!args[i].Contains('=', StringComparison.Ordinal) && i + 1 < args.Length)
                {
                    settings.Add(args[++i]);
                }
            }
            else
            {
                return null;
            }
        }

        return target is not null && (target.Equals("postgres", StringComparison.OrdinalIgnoreCase) || target.Equals("postgresql", StringComparison.OrdinalIgnoreCase))
            ? [.. settings]
            : null;
    }

    /// <summary>The broker's configuration, from the same sources and the same content root as the web host's.</summary>
    private static IConfiguration Configuration(string[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = settings,
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(MigrateCommand).Assembly.GetName().Name,
        });
        return builder.Configuration;
    }

    private static async Task<bool> MigrateAsync(IConfiguration configuration, TextWriter output, CancellationToken cancellationToken)
    {
        var connectionString = configuration.GetConnectionString(StorageOptions.ConnectionStringName) is { Length: > 0 } configured
            ? configured
            : throw new MigrationRefusedException(
                $"ConnectionStrings:{StorageOptions.ConnectionStringName} is not set: name the PostgreSQL database to copy into " +
                $"(for example ConnectionStrings__{StorageOptions.ConnectionStringName}=\"Host=db;Database=broker;Username=broker;Password=...\").");
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        if (configuration[StorageOptions.Section + ":MediaPath"] is { Length: > 0 })
        {
            // The migration writes photos into the database's own tables; a folder of photos is not written by it yet.
            throw new MigrationRefusedException("Storage:MediaPath is set: the migration copies photos into PostgreSQL itself, not into a photo folder. Unset it for the migration.");
        }


        using var source = LiteDbSource.Open(storage.DatabasePath);
        using var logging = LoggerFactory.Create(logs => logs.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        await using var target = new PgDatabase(connectionString, logging.CreateLogger<PgDatabase>());
        var where = new NpgsqlConnectionStringBuilder(connectionString);
        await output.WriteLineAsync($"Copying LiteDB {source.Path} into PostgreSQL database {where.Database} on {where.Host}:{where.Port}.");

        var copy = new LiteDbToPostgres(source, target, output);
        await copy.CopyAsync(cancellationToken);
        var keys = await KeyRing.CopyAsync(KeyRing.FolderOf(configuration), target, output, cancellationToken);
        var counts = await copy.CountAsync(cancellationToken);
        if (keys is not null)
        {
            counts = [.. counts, keys];
        }

        await MigrationReport.WriteAsync(output, counts);
        return counts.All(c => c.Matches);
    }
}
