namespace Broker.Notifications;

/// <summary>How the broker tells people (<c>Notifications</c> section): the SMTP server, the Telegram bot, retries and the daily digest.</summary>
public sealed class NotificationsOptions
{
    public const string Section = "Notifications";

    public SmtpOptions Smtp { get; set; } = new();

    public TelegramOptions Telegram { get; set; } = new();

    /// <summary>The hour (0–23, the installation's time zone) at which the daily digest of new items to share is sent.</summary>
    public int DigestHour { get; set; } = 7;

    /// <summary>Attempts before a notification is shown as failed.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait after the first failed attempt; each later wait doubles it.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the worker looks for notifications that are due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long one send may take before it counts as failed (and is retried).</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public sealed class SmtpOptions
    {
        /// <summary>The SMTP server; empty turns email off (notifications by email then fail and show so).</summary>
        public string? Host { get; set; }

        public int Port { get; set; } = 587;

        /// <summary><c>StartTls</c> (the default), <c>SslOnConnect</c>, <c>Auto</c>, or <c>None</c> (only for a server on loopback).</summary>
        public string Security { get; set; } = "StartTls";

        public string? User { get; set; }

        public string? Password { get; set; }

        /// <summary>The sender's address, for example <c>noreply@diskominfo.example.go.id</c>.</summary>
        public string From { get; set; } = "broker@localhost";

        public string FromName { get; set; } = "Broker Diskominfo";
    }

    public sealed class TelegramOptions
    {
        /// <summary>The Bot API server: Telegram's own, or the sandbox (or a local Bot API server) on loopback.</summary>
        public string BaseUrl { get; set; } = "https://api.telegram.org";

        /// <summary>The bot's token from @BotFather (<c>123456:ABC…</c>); empty turns Telegram off.</summary>
        public string? BotToken { get; set; }
    }
}
