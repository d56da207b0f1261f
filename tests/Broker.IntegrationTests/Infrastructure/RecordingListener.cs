using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Broker.IntegrationTests.Infrastructure;

/// <summary>
/// A server on a loopback port that records whatever reaches it and answers 404: the stand-in for an attacker's host.
/// A test that points an account at it proves, by <see cref="Received"/> staying empty, that no token went there.
/// </summary>
public sealed class RecordingListener : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentQueue<string> received = new();
    private readonly Task accepting;

    public RecordingListener()
    {
        listener.Start();
        BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        accepting = AcceptAsync();
    }

    public Uri BaseUrl { get; }

    /// <summary>The start of every request that arrived (request line and headers).</summary>
    public IReadOnlyCollection<string> Received => received;

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        try
        {
            await accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stopping.Token);
            _ = RecordAsync(client);
        }
    }

    private async Task RecordAsync(TcpClient client)
    {
        using (client)
        {
            received.Enqueue("(connection)");
            var stream = client.GetStream();
            var buffer = new byte[8192];
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            try
            {
                var read = await stream.ReadAsync(buffer, timeout.Token);
                received.Enqueue(Encoding.Latin1.GetString(buffer, 0, read));
                await stream.WriteAsync("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), timeout.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException)
            {
            }
        }
    }
}
