namespace Broker.Sandbox.Telegram;

/// <summary>
/// The sandbox's Telegram bot: which token it answers to, the messages it received, the chats it does not know, and the
/// flood-control answers (429 with <c>retry_after</c>) a test asked for. Thread-safe.
/// </summary>
public sealed class TelegramBot(SandboxOptions options)
{
    private readonly Lock gate = new();
    private readonly List<TelegramMessage> messages = [];
    private readonly HashSet<string> unknownChats = new(StringComparer.Ordinal);
    private int throttled;
    private int retryAfterSeconds;
    private long sequence;

    public string Token => options.TelegramBotToken;

    public long BotId => long.Parse(Token.Split(':')[0], System.Globalization.CultureInfo.InvariantCulture);

    public IReadOnlyList<TelegramMessage> Messages(string? chatId)
    {
        lock (gate)
        {
            return [.. messages.Where(m => chatId is null || m.ChatId == chatId)];
        }
    }

    /// <summary>The next <paramref name="times"/> sends answer 429 with <paramref name="retryAfter"/> seconds.</summary>
    public void Throttle(int times, int retryAfter)
    {
        lock (gate)
        {
            throttled = times;
            retryAfterSeconds = retryAfter;
        }
    }

    public void ForgetChat(string chatId)
    {
        lock (gate)
        {
            unknownChats.Add(chatId);
        }
    }

    public void Reset()
    {
        lock (gate)
        {
            messages.Clear();
            unknownChats.Clear();
            throttled = 0;
        }
    }

    /// <summary>Receives one message: the stored message, or why it was refused.</summary>
    public (TelegramMessage? Sent, int RetryAfter, bool UnknownChat) Receive(string chatId, string text, DateTimeOffset at)
    {
        lock (gate)
        {
            if (throttled > 0)
            {
                throttled--;
                return (null, retryAfterSeconds, false);
            }

            if (unknownChats.Contains(chatId) || !long.TryParse(chatId, out _))
            {
                return (null, 0, true);
            }

            var message = new TelegramMessage(++sequence, chatId, text, at);
            messages.Add(message);
            return (message, 0, false);
        }
    }
}
