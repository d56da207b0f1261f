using System.Globalization;
using System.Text.RegularExpressions;
using Broker.Api;
using Broker.Dispatch;
using Broker.Intake;

namespace Broker.Pages;

/// <summary>
/// A <see cref="UserMessage"/> in the page's language: the <c>Message_{code}</c> resource (dots in the code written as
/// underscores) with its <c>{name}</c> placeholders filled from the message's arguments; the English words when the
/// message has no code or the code has no resource (a plugin's own problem, for one).
/// </summary>
public static partial class MessageText
{
    public const string Prefix = "Message_";

    public static string ResourceName(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return Prefix + code.Replace('.', '_');
    }

    public static string Of(UserMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var template = message.Code is { } code ? Text.ResourceManager.GetString(ResourceName(code), CultureInfo.CurrentUICulture) : null;
        return template is null
            ? message.English
            : Placeholder().Replace(template, m => message.Arguments.TryGetValue(m.Groups[1].Value, out var value) ? Format(value) : m.Value);
    }

    /// <summary>Why <paramref name="result"/> was refused, in the page's language; null when it was not.</summary>
    public static string? Conflict(OperationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Reason is { } reason ? Of(reason) : result.ConflictReason;
    }

    /// <summary>Each field's messages in the page's language.</summary>
    public static Dictionary<string, string[]> Of(FieldErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return Of(errors.Messages());
    }

    public static Dictionary<string, string[]> Of(IReadOnlyDictionary<string, UserMessage[]> messages) =>
        messages.ToDictionary(e => e.Key, e => e.Value.Select(Of).ToArray(), StringComparer.Ordinal);

    private static string Format(object? value) => value switch
    {
        null => string.Empty,
        ItemStatus status => Labels.Of(status),
        DeliveryStatus status => Labels.Of(status),
        Broker.Amplification.AmplificationStatus status => Labels.Of(status),
        int or long => string.Format(CultureInfo.CurrentCulture, "{0:N0}", value),
        double number => number.ToString("0.##", CultureInfo.CurrentCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.CurrentCulture),
        _ => value.ToString() ?? string.Empty,
    };

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex Placeholder();
}
