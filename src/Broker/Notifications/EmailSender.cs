using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Broker.Notifications;

/// <summary>Email over SMTP with MailKit: one connection per message (notifications are few, and a connection left open goes stale).</summary>
internal sealed class EmailSender(IOptions<NotificationsOptions> options) : INotificationSender
{
    public NotificationChannel Channel => NotificationChannel.Email;

    public async Task<SendOutcome> SendAsync(string address, NotificationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var smtp = options.Value.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            return new SendOutcome.Refused("Email is not set up (Notifications:Smtp:Host is empty).");
        }

        var mail = new MimeMessage();
        mail.From.Add(new MailboxAddress(smtp.FromName, smtp.From));
        mail.To.Add(MailboxAddress.Parse(address));
        mail.Subject = message.Subject;
        mail.Body = new TextPart("plain") { Text = message.Text };
        if (message.Key is { } key)
        {
            mail.MessageId = MessageIdOf(key, smtp.From);
        }

        using var client = new SmtpClient { Timeout = (int)options.Value.SendTimeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, Enum.Parse<SecureSocketOptions>(smtp.Security, ignoreCase: true), cancellationToken);
            if (!string.IsNullOrEmpty(smtp.User))
            {
                await client.AuthenticateAsync(smtp.User, smtp.Password ?? string.Empty, cancellationToken);
            }

            await client.SendAsync(mail, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            return new SendOutcome.Sent();
        }
        catch (SmtpCommandException ex) when (ex.ErrorCode is SmtpErrorCode.RecipientNotAccepted && (int)ex.StatusCode >= 500)
        {
            return new SendOutcome.Refused($"The SMTP server refused the address: {(int)ex.StatusCode} {ex.Message}");
        }
        catch (SmtpCommandException ex)
        {
            return new SendOutcome.RetryLater($"The SMTP server answered {(int)ex.StatusCode}: {ex.Message}");
        }
        catch (Exception ex) when (ex is SocketException or IOException or SmtpProtocolException or AuthenticationException or SslHandshakeException or ServiceNotConnectedException or TimeoutException)
        {
            return new SendOutcome.RetryLater($"The SMTP server {smtp.Host}:{smtp.Port} could not be reached or failed: {ex.Message}");
        }
    }

    /// <summary>A Message-ID that stays the same for one notification (<see cref="NotificationMessage.Key"/>), at the sender's domain.</summary>
    internal static string MessageIdOf(string key, string from)
    {
        var at = from.LastIndexOf('@');
        var domain = at >= 0 && at < from.Length - 1 ? from[(at + 1)..] : "broker";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32] + "@" + domain;
    }
}
