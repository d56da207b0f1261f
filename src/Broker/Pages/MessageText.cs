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
        if (template is null)
        {
            return message.English;
        }

        var text = Placeholder().Replace(template, m => message.Arguments.TryGetValue(m.Groups[1].Value, out var value) ? Format(value) : m.Value);
        return message.Subject is { } subject ? $"{subject}: {text}" : text;
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

    /// <summary>
    /// A validation answer's messages in the page's language: its <c>errorCodes</c> (<see cref="ApiResults.Invalid(FieldErrors)"/>)
    /// beside its English errors, for a page that calls an API handler.
    /// </summary>
    public static Dictionary<string, string[]> Of(HttpValidationProblemDetails problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var codes = problem.Extensions.TryGetValue(ApiResults.ErrorCodesMember, out var value) ? value as Dictionary<string, object?[]> : null;
        return problem.Errors.ToDictionary(
            e => e.Key,
            e => e.Value.Select((english, i) => codes?.GetValueOrDefault(e.Key) is { } coded && i < coded.Length && coded[i] is Dictionary<string, object?> api
                ? Of(new UserMessage(api["code"] as string, english) { Arguments = (IReadOnlyDictionary<string, object?>)api["arguments"]! })
                : english).ToArray(),
            StringComparer.Ordinal);
    }

    /// <summary>Every field's messages in one line, each after its field's name (a <c>Field_{name}</c> resource, else the name).</summary>
    public static string Summary(IReadOnlyDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return string.Join(" ", errors.Select(e => $"{Text.ResourceManager.GetString("Field_" + e.Key, CultureInfo.CurrentUICulture) ?? e.Key}: {string.Join(" ", e.Value)}"));
    }

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
