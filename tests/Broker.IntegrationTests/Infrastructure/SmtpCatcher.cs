using System.Net;
using System.Net.Sockets;
using netDumbster.smtp;

namespace Broker.IntegrationTests.Infrastructure;

/// <summary>A real SMTP server on loopback (netDumbster) that keeps what it receives, for the broker's email to reach.</summary>
public sealed class SmtpCatcher : IDisposable
{
    private readonly SimpleSmtpServer server;

    private SmtpCatcher(SimpleSmtpServer server) => this.server = server;

    public int Port => server.Configuration.Port;

    public static SmtpCatcher Start(int? port = null) =>
        new(netDumbster.smtp.Configuration.Configure().WithAddress(IPAddress.Loopback).WithPort(port ?? FreePort()).Build());

    /// <summary>A loopback port nobody listens on (an SMTP server that is down).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>What arrived: (recipient, subject, body).</summary>
    public IReadOnlyList<(string To, string Subject, string Body)> Received =>
        [.. server.ReceivedEmail.Select(m => (
            string.Join(",", m.ToAddresses.Select(a => a.Address)),
            m.Headers["Subject"] ?? string.Empty,
            string.Concat(m.MessageParts.Select(p => p.BodyData))))];

    /// <summary>What arrived, with each message's Message-ID: (recipient, Message-ID, subject).</summary>
    public IReadOnlyList<(string To, string MessageId, string Subject)> ReceivedIds =>
        [.. server.ReceivedEmail.Select(m => (
            string.Join(",", m.ToAddresses.Select(a => a.Address)),
            m.Headers["Message-ID"] ?? string.Empty,
            m.Headers["Subject"] ?? string.Empty))];

    public void Dispose() => server.Stop();
}
