using System.Net;
using System.Text.RegularExpressions;
using Broker.Hosting;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Broker.Notifications;

/// <summary>Checks the notification settings at start, collecting every failure into one message.</summary>
internal sealed partial class NotificationsOptionsValidator : IValidateOptions<NotificationsOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationsOptions options)
    {
        var failures = new List<string>();
        if (!Enum.TryParse<SecureSocketOptions>(options.Smtp.Security, ignoreCase: true, out var security)
            || security is not (SecureSocketOptions.None or SecureSocketOptions.StartTls or SecureSocketOptions.SslOnConnect or SecureSocketOptions.Auto))
        {
            failures.Add($"Notifications:Smtp:Security '{options.Smtp.Security}' is not one of StartTls, SslOnConnect, Auto, None.");
        }
        else if (security == SecureSocketOptions.None && !string.IsNullOrWhiteSpace(options.Smtp.Host) && !IsLoopback(options.Smtp.Host))
        {
            failures.Add($"Notifications:Smtp:Security None sends mail and password in clear: allowed only for a server on loopback, not '{options.Smtp.Host}'.");
        }

        if (!MailboxAddress.TryParse(options.Smtp.From, out _))
        {
            failures.Add($"Notifications:Smtp:From '{options.Smtp.From}' is not an email address.");
        }

        if (!Uri.TryCreate(options.Telegram.BaseUrl, UriKind.Absolute, out var telegram)
            || !(telegram.Scheme == Uri.UriSchemeHttps || (telegram.Scheme == Uri.UriSchemeHttp && telegram.IsLoopback)))
        {
            failures.Add($"Notifications:Telegram:BaseUrl '{options.Telegram.BaseUrl}' must be an https URL (http only on loopback, for the sandbox).");
        }

        if (!string.IsNullOrEmpty(options.Telegram.BotToken) && !BotToken().IsMatch(options.Telegram.BotToken))
        {
            failures.Add("Notifications:Telegram:BotToken is not a bot token (digits, a colon, then letters, digits, '_' or '-').");
        }

        var ranges = new OptionsProblems(NotificationsOptions.Section);
        ranges.Between(options.Smtp.Port, 1, 65535);
        ranges.Between(options.DigestHour, 0, 23);
        ranges.Between(options.MaxAttempts, 1, 50);
        ranges.Between(options.FirstRetryDelay, TimeSpan.FromMilliseconds(1), TimeSpan.FromDays(1));
        ranges.Between(options.PollInterval, TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1));
        ranges.Between(options.SendTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10));
        if (ranges.Result() is { Failed: true } outOfRange)
        {
            failures.AddRange(outOfRange.Failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));

    [GeneratedRegex("^[0-9]{1,20}:[A-Za-z0-9_-]{1,100}$")]
    private static partial Regex BotToken();
}
