using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace Broker.Notifications;

/// <summary>
/// Telegram through a bot (Telegram.Bot) at the configured Bot API base URL. The library's own waiting on
/// "Too Many Requests" is off: a 429's <c>retry_after</c> becomes the notification's next attempt, so nothing sleeps.
/// </summary>
internal sealed class TelegramSender(IHttpClientFactory clients, IOptions<NotificationsOptions> options) : INotificationSender
{
    public const string HttpClientName = "telegram";

    public NotificationChannel Channel => NotificationChannel.Telegram;

    public async Task<SendOutcome> SendAsync(string address, NotificationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var telegram = options.Value.Telegram;
        if (string.IsNullOrEmpty(telegram.BotToken))
        {
            return new SendOutcome.Refused("Telegram is not set up (Notifications:Telegram:BotToken is empty).");
        }

        var bot = new TelegramBotClient(
            new TelegramBotClientOptions(telegram.BotToken, telegram.BaseUrl) { RetryThreshold = 0, RetryCount = 0 },
            clients.CreateClient(HttpClientName),
            cancellationToken);
        try
        {
            await bot.SendMessage(long.Parse(address, System.Globalization.CultureInfo.InvariantCulture), message.Text, cancellationToken: cancellationToken);
            return new SendOutcome.Sent();
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 429)
        {
            var after = ex.Parameters?.RetryAfter is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
            return new SendOutcome.RetryLater($"Telegram answered 429: {ex.Message}", after);
        }
        catch (ApiRequestException ex) when (ex.ErrorCode is 400 or 403)
        {
            return new SendOutcome.Refused($"Telegram answered {ex.ErrorCode}: {ex.Message}");
        }
        catch (ApiRequestException ex)
        {
            return new SendOutcome.RetryLater($"Telegram answered {ex.ErrorCode}: {ex.Message}");
        }
        catch (RequestException ex)
        {
            return new SendOutcome.RetryLater($"Telegram could not be reached: {ex.Message}");
        }
        catch (HttpRequestException ex)
        {
            return new SendOutcome.RetryLater($"Telegram could not be reached: {ex.Message}");
        }
    }
}
