using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Broker.Testing.PostgreSql;

/// <summary>
/// A PostgreSQL cluster of a run's own: <c>initdb</c> in a temporary folder (named after this process, so a later run
/// removes it if this one was killed before it could), started on a free loopback port with the given settings, run as
/// an unprivileged user when the run is root's (PostgreSQL refuses root), stopped and removed by <see cref="Dispose"/>.
/// </summary>
public sealed class ThrowawayPostgres : IDisposable
{
    private readonly string bin;
    private readonly string? user;

    private ThrowawayPostgres(string bin, string folder, string? user, int port)
    {
        this.bin = bin;
        this.user = user;
        Folder = folder;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The cluster's folder: its data under <c>data</c>, its log in <c>server.log</c>.</summary>
    public string Folder { get; }

    public string DataFolder => Path.Combine(Folder, "data");

    /// <summary>The administrator's connection string (user <c>broker</c>, trusted, to the <c>postgres</c> database).</summary>
    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=broker;Database=postgres;Pooling=false";

    /// <summary>
    /// Creates and starts a cluster. <paramref name="settings"/> are server settings (<c>fsync=off</c>...);
    /// <paramref name="durableInit"/> lets <c>initdb</c> force its files to disk (production-like), else it skips that.
    /// </summary>
    public static ThrowawayPostgres Start(IEnumerable<string> settings, bool durableInit = false, string prefix = "broker-pg-")
    {
        var bin = FindBinaries() ?? throw new InvalidOperationException(
            "PostgreSQL is not installed: install Debian's postgresql package (.ci/run does).");
        RemoveLeftovers(bin, prefix);
        var folder = Path.Combine(Path.GetTempPath(), $"{prefix}{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var user = RunAsUser();
        if (user is not null)
        {
            Run("chown", ["-R", user, folder], null);
        }

        var server = new ThrowawayPostgres(bin, folder, user, FreePort());
        Run(Path.Combine(bin, "initdb"), ["-D", server.DataFolder, "-U", "broker", "--auth=trust", "--encoding=UTF8", "--locale=C", .. durableInit ? Array.Empty<string>() : ["--no-sync"]], user);
        var options = string.Join(' ', settings.Select(s => "-c " + s));
        Run(Path.Combine(bin, "pg_ctl"), [
            "-D", server.DataFolder, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60",
            "-o", $"-p {server.Port} -k {folder} -c listen_addresses=127.0.0.1 {options}",
            "start",
        ], user);
        server.WatchOwner();
        return server;
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

    /// <summary>Creates an empty database and returns a pooled connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string name, int maxPoolSize, CancellationToken cancellationToken = default)
    {
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true, MaxPoolSize = maxPoolSize }.ConnectionString;
    }

    /// <summary>The process id of the postmaster (its children are the server's other processes).</summary>
    public int PostmasterId() => int.Parse(File.ReadLines(Path.Combine(DataFolder, "postmaster.pid")).First(), CultureInfo.InvariantCulture);

    /// <summary>Stops the server at once and removes its folder.</summary>
    public void Dispose()
    {
        Stop(bin, DataFolder, user);
        Directory.Delete(Folder, recursive: true);
    }

    /// <summary>
    /// Stops and removes the cluster once this process is gone, however it ended: a test host is often ended by its runner
    /// without its exit handlers running (or killed), which left a server running after every local run. A detached shell
    /// of its own session, holding none of this process's streams, looks for this process once a second.
    /// </summary>
    private void WatchOwner()
    {
        const string Script = """
            exec </dev/null >/dev/null 2>&1
            while [ -d "/proc/$1" ]; do sleep 1; done
            if [ -n "$5" ]; then runuser -u "$5" -- "$2" -D "$3" -m immediate -w stop; else "$2" -D "$3" -m immediate -w stop; fi
            rm -rf "$4"
            """;
        var start = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var argument in new[] { "-f", "sh", "-c", Script, "sh", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), Path.Combine(bin, "pg_ctl"), DataFolder, Folder, user ?? "" })
        {
            start.ArgumentList.Add(argument);
        }

        using var watcher = Process.Start(start) ?? throw new InvalidOperationException("setsid did not start.");
        watcher.WaitForExit(TimeSpan.FromSeconds(10));
    }

    // The clusters of earlier runs whose process is gone (one killed before it could stop its cluster): a server still
    // running there is stopped first.
    private static void RemoveLeftovers(string bin, string prefix)
    {
        foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), prefix + "*"))
        {
            var pid = Path.GetFileName(folder)[prefix.Length..].Split('-')[0];
            if (int.TryParse(pid, CultureInfo.InvariantCulture, out var id) && !Directory.Exists($"/proc/{id}"))
            {
                try
                {
                    StopLeftover(bin, folder);
                    Directory.Delete(folder, recursive: true);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Best effort: another run may be removing it too.
                }
            }
        }
    }

    private static void StopLeftover(string bin, string folder)
    {
        var pidFile = Path.Combine(folder, "data", "postmaster.pid");
        if (File.Exists(pidFile)
            && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), CultureInfo.InvariantCulture, out var postmaster)
            && Directory.Exists($"/proc/{postmaster}"))
        {
            try
            {
                Stop(bin, Path.Combine(folder, "data"), RunAsUser());
            }
            catch (InvalidOperationException)
            {
                // Best effort: the server may have stopped meanwhile.
            }
        }
    }

    /// <summary>Stops a cluster's server at once (the watcher's script says the same in shell).</summary>
    private static void Stop(string bin, string dataFolder, string? user) =>
        Run(Path.Combine(bin, "pg_ctl"), ["-D", dataFolder, "-m", "immediate", "-w", "stop"], user);

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
        foreach (var argument in (user is null ? [] : new[] { "-u", user, "--", program }).Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
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
