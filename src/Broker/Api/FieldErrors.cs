namespace Broker.Api;

/// <summary>Collects one message per problem per field, for an RFC 9457 validation answer.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    public void Add(string field, string message)
    {
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
                Add(field, $"{field} is required.");
            }
        }
        else if (value.Length > max)
        {
            Add(field, $"{field} is {value.Length} characters long; at most {max} are allowed.");
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
            Add(field, $"{field} {why}");
        }
    }

    public Dictionary<string, string[]> ToDictionary() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
}
