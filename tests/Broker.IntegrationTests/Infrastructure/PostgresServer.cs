using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Broker.IntegrationTests.Infrastructure;

/// <summary>
/// A real PostgreSQL for the tests: the server named by <c>BROKER_TEST_POSTGRES</c> (an administrator's connection
/// string; <c>.ci/run</c> starts a throwaway cluster and sets it), or else a throwaway cluster of this test run's own:
/// <c>initdb</c> in a temporary folder, on a free loopback port, run as an unprivileged user when the tests run as root
/// (PostgreSQL refuses root), stopped when the run ends. Each test gets a database of its own.
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

    private static string StartOrFind()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            return given;
        }

        var bin = FindBinaries() ?? throw new InvalidOperationException(
            $"PostgreSQL is not installed: install Debian's postgresql package (.ci/run does), or set {Variable} to an administrator's connection string.");
        RemoveLeftovers();
        var folder = Path.Combine(Path.GetTempPath(), $"broker-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        var data = Path.Combine(folder, "data");
        Directory.CreateDirectory(folder);
        var user = RunAsUser();
        if (user is not null)
        {
            Run("chown", ["-R", user, folder], null);
        }

        Run(Path.Combine(bin, "initdb"), ["-D", data, "-U", "broker", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"], user);
        var port = FreePort();
        Run(Path.Combine(bin, "pg_ctl"), [
            "-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60",
            "-o", $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400",
            "start",
        ], user);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Run(Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"], user);
                Directory.Delete(folder, recursive: true);
            }
#pragma warning disable CA1031 // Best effort at exit: the folder is a temporary one.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        };
        return $"Host=127.0.0.1;Port={port};Username=broker;Database=postgres;Pooling=false";
    }

    /// <summary>The folder of <c>initdb</c> and <c>pg_ctl</c>: on the PATH, or Debian's newest <c>/usr/lib/postgresql/N/bin</c>.</summary>
    public static string? FindBinaries()
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "pg_ctl")))
            {
                return folder;
            }
        }

        return Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
    }

    // The clusters of earlier runs whose test process is gone (one killed before it could stop its cluster).
    private static void RemoveLeftovers()
    {
        foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), "broker-pg-*"))
        {
            var parts = Path.GetFileName(folder).Split('-');
            if (parts.Length >= 3 && int.TryParse(parts[2], out var pid) && !Directory.Exists($"/proc/{pid}"))
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
#pragma warning disable CA1031 // Best effort: another run may be removing it too.
                catch (Exception)
#pragma warning restore CA1031
                {
                }
            }
        }
    }

    // PostgreSQL will not run as root: run it as Debian's postgres user, or nobody.
    private static string? RunAsUser()
    {
        if (Environment.UserName != "root")
        {
            return null;
        }

        var users = File.ReadAllLines("/etc/passwd").Select(l => l.Split(':')[0]).ToHashSet(StringComparer.Ordinal);
        return users.Contains("postgres") ? "postgres" : "nobody";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string program, IReadOnlyList<string> arguments, string? user)
    {
        var start = new ProcessStartInfo(user is null ? program : "runuser")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (user is not null)
        {
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add(user);
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(program);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} did not finish in two minutes.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Result}{output.Result}");
        }
    }
}
