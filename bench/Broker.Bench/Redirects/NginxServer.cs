using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Broker.Bench.Infrastructure;

namespace Broker.Bench.Redirects;

/// <summary>
/// The practical ceiling for redirects: Debian's nginx answering a static 302 on a loopback port, from a config of
/// our own in a scratch folder (two workers, no access log). Installed with apt-get when missing and allowed.
/// </summary>
internal sealed class NginxServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly ScratchFolder folder;

    private NginxServer(Process process, ScratchFolder folder, Uri address)
    {
        this.process = process;
        this.folder = folder;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Starts nginx, or says in plain words why it could not.</summary>
    public static async Task<(NginxServer? Server, string Problem)> StartAsync(bool install, TextWriter log, CancellationToken cancellationToken)
    {
        var binary = Find();
        if (binary is null && install)
        {
            binary = await InstallAsync(log, cancellationToken);
        }

        if (binary is null)
        {
            return (null, install ? "nginx is not installed and apt-get install nginx failed" : "nginx is not installed (--no-install)");
        }

        var folder = new ScratchFolder("nginx");
        var port = FreePort();
        var config = Path.Combine(folder.Path, "nginx.conf");
        await File.WriteAllTextAsync(config, Config(folder.Path, port), cancellationToken);
        var process = Process.Start(new ProcessStartInfo(binary, ["-p", folder.Path + "/", "-c", config, "-e", Path.Combine(folder.Path, "error.log")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        var server = new NginxServer(process, folder, new Uri($"http://127.0.0.1:{port}/"));
        var up = await Clock.PollAsync(() => Task.FromResult(server.Accepts(port)), TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(10), cancellationToken);
        if (!up)
        {
            var errors = File.Exists(Path.Combine(folder.Path, "error.log")) ? await File.ReadAllTextAsync(Path.Combine(folder.Path, "error.log"), cancellationToken) : "";
            await server.DisposeAsync();
            return (null, "nginx did not start: " + errors.Trim().Split('\n')[^1]);
        }

        return (server, "");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        folder.Dispose();
    }

    private bool Accepts(int port)
    {
        if (process.HasExited)
        {
            return false;
        }

        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string Config(string folder, int port) => $$"""
        daemon off;
        worker_processes 2;
        pid {{folder}}/nginx.pid;
        events { worker_connections 4096; }
        http {
            access_log off;
            keepalive_requests 10000000;
            client_body_temp_path {{folder}}/client_body;
            proxy_temp_path {{folder}}/proxy;
            fastcgi_temp_path {{folder}}/fastcgi;
            uwsgi_temp_path {{folder}}/uwsgi;
            scgi_temp_path {{folder}}/scgi;
            server {
                listen 127.0.0.1:{{port}};
                location /s/ { return 302 https://portal.example.go.id/berita; }
            }
        }
        """;

    private static string? Find() =>
        new[] { "/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists);

    private static async Task<string?> InstallAsync(TextWriter log, CancellationToken cancellationToken)
    {
        if (!File.Exists("/usr/bin/apt-get") || Environment.UserName != "root")
        {
            return null;
        }

        log.WriteLine("  nginx is missing: apt-get install -y nginx");
        if (await RunAsync("apt-get", ["install", "-y", "-q", "nginx"], cancellationToken) != 0)
        {
            await RunAsync("apt-get", ["update", "-q"], cancellationToken);
            await RunAsync("apt-get", ["install", "-y", "-q", "nginx"], cancellationToken);
        }

        var binary = Find();
        if (binary is not null && File.Exists("/run/nginx.pid"))
        {
            // The package starts the stock nginx where it can; this run does not need it.
            await RunAsync(binary, ["-s", "quit"], cancellationToken);
        }

        return binary;
    }

    private static async Task<int> RunAsync(string file, string[] arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        await Task.WhenAll(output, errors);
        return process.ExitCode;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
