namespace Broker.Api;

/// <summary>
/// Collects one message per problem per field, for an RFC 9457 validation answer (English, <see cref="ToDictionary"/>)
/// and for a page (each <see cref="UserMessage"/>, worded in the reader's language).
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<UserMessage>> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    /// <summary>Adds a message that has no code yet: every page shows it in English.</summary>
    public void Add(string field, string message) => Add(field, new UserMessage(null, message));

    /// <summary>Adds a message with its code (a <c>Message_{code}</c> resource) and the arguments its wording needs.</summary>
    public void Add(string field, string code, string english, params (string Name, object? Value)[] arguments) =>
        Add(field, UserMessage.Of(code, english, arguments));

    public void Add(string field, UserMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        list.Add(message);
    }

    /// <summary>Adds <paramref name="message"/> when <paramref name="value"/> is empty or longer than <paramref name="max"/>.</summary>
    public void Text(string field, string? value, int max, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Add(field, MessageCodes.FieldRequired, $"{field} is required.", ("field", field));
            }
        }
        else if (value.Length > max)
        {
            Add(field, MessageCodes.FieldTooLong, $"{field} is {value.Length} characters long; at most {max} are allowed.", ("field", field), ("length", value.Length), ("max", max));
        }
    }

    /// <summary>Adds a message unless <paramref name="value"/> is empty or a URL <see cref="HttpUrls"/> accepts.</summary>
    public void Url(string field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (HttpUrls.WhyRefused(value) is { } why)
        {
            Add(field, MessageCodes.FieldUrl, $"{field} {why}", ("field", field));
        }
    }

    /// <summary>The English messages per field, as the API answers them.</summary>
    public Dictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.Select(m => m.English).ToArray());

    /// <summary>The messages per field with their codes.</summary>
    public Dictionary<string, UserMessage[]> Messages() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}
