using System.Net.Sockets;
using System.Text;
using Broker.Bench.Infrastructure;

namespace Broker.Bench.Redirects;

/// <summary>
/// One keep-alive HTTP/1.1 connection sending GET requests back to back, as wrk does: a hand-written request and a
/// minimal response reader (status line, Content-Length or chunked body), so the generator costs little of the two cores
/// the server under test also needs. Reconnects when the server closes.
/// </summary>
internal sealed class HttpConnectionLoop(string host, int port, IReadOnlyList<string> paths, int offset, int stride)
{
    private readonly byte[] buffer = new byte[16 * 1024];
    private int start;
    private int end;

    public LatencyHistogram Latency { get; } = new();

    public Dictionary<int, long> Statuses { get; } = [];

    public long Failures { get; private set; }

    public async Task RunAsync(CancellationToken stop)
    {
        var next = offset;
        while (!stop.IsCancellationRequested)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(host, port, stop);
                start = end = 0;
                while (!stop.IsCancellationRequested)
                {
                    var path = paths[next % paths.Count];
                    next += stride;
                    var request = Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUser-Agent: broker-bench\r\n\r\n");
                    var sent = Clock.Timestamp;
                    await socket.SendAsync(request, SocketFlags.None, stop);
                    var (status, keepAlive) = await ReadResponseAsync(socket, stop);
                    Latency.Record(Clock.Since(sent));
                    Statuses[status] = Statuses.GetValueOrDefault(status) + 1;
                    if (!keepAlive)
                    {
                        break;
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is SocketException or IOException or FormatException)
            {
                Failures++;
            }
        }
    }

    private async Task<(int Status, bool KeepAlive)> ReadResponseAsync(Socket socket, CancellationToken stop)
    {
        var statusLine = await ReadLineAsync(socket, stop);
        if (!statusLine.StartsWith("HTTP/1.", StringComparison.Ordinal) || statusLine.Length < 12)
        {
            throw new FormatException("Not an HTTP/1.x status line: " + statusLine);
        }

        var status = int.Parse(statusLine.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture);
        long length = 0;
        var chunked = false;
        var keepAlive = true;
        for (var line = await ReadLineAsync(socket, stop); line.Length > 0; line = await ReadLineAsync(socket, stop))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                length = long.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                chunked = value.Contains("chunked", StringComparison.OrdinalIgnoreCase);
            }
            else if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase))
            {
                keepAlive = !value.Equals("close", StringComparison.OrdinalIgnoreCase);
            }
        }

        if (chunked)
        {
            for (var size = await ReadChunkSizeAsync(socket, stop); size > 0; size = await ReadChunkSizeAsync(socket, stop))
            {
                await SkipAsync(socket, size + 2, stop);
            }

            await ReadLineAsync(socket, stop);
        }
        else
        {
            await SkipAsync(socket, length, stop);
        }

        return (status, keepAlive);
    }

    private async Task<long> ReadChunkSizeAsync(Socket socket, CancellationToken stop)
    {
        var line = await ReadLineAsync(socket, stop);
        var semicolon = line.IndexOf(';', StringComparison.Ordinal);
        return Convert.ToInt64(semicolon >= 0 ? line[..semicolon] : line, 16);
    }

    private async Task<string> ReadLineAsync(Socket socket, CancellationToken stop)
    {
        while (true)
        {
            var newline = Array.IndexOf(buffer, (byte)'\n', start, end - start);
            if (newline >= 0)
            {
                var line = Encoding.ASCII.GetString(buffer, start, newline - start).TrimEnd('\r');
                start = newline + 1;
                return line;
            }

            await FillAsync(socket, stop);
        }
    }

    private async Task SkipAsync(Socket socket, long count, CancellationToken stop)
    {
        while (count > 0)
        {
            if (start == end)
            {
                await FillAsync(socket, stop);
            }

            var take = (int)Math.Min(count, end - start);
            start += take;
            count -= take;
        }
    }

    private async Task FillAsync(Socket socket, CancellationToken stop)
    {
        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }

        if (end == buffer.Length)
        {
            throw new FormatException("A response header line is longer than the read buffer.");
        }

        var read = await socket.ReceiveAsync(buffer.AsMemory(end), SocketFlags.None, stop);
        if (read == 0)
        {
            throw new IOException("The server closed the connection.");
        }

        end += read;
    }
}
