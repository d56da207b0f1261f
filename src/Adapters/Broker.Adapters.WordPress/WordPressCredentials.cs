using System.Globalization;

namespace Broker.Adapters.WordPress;

/// <summary>
/// An account's credentials and settings: <c>applicationPassword</c> (an Application Password of the WordPress user whose
/// login is the account's external id) and, optionally, <c>categories</c> and <c>tags</c>: comma-separated term ids the
/// posts get.
/// </summary>
internal sealed record WordPressCredentials(string Password, IReadOnlyList<long> Categories, IReadOnlyList<long> Tags)
{
    public const string PasswordKey = "applicationPassword";
    public const string CategoriesKey = "categories";
    public const string TagsKey = "tags";
    private const int MaxTerms = 50;

    public static IReadOnlyList<string> Problems(IReadOnlyDictionary<string, string> credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var problems = new List<string>();
        if (!credentials.TryGetValue(PasswordKey, out var password) || string.IsNullOrWhiteSpace(password) || password.Length > 200)
        {
            problems.Add($"A WordPress account needs an Application Password (the {PasswordKey} field: Users › Profile › Application Passwords in WordPress).");
        }

        foreach (var key in new[] { CategoriesKey, TagsKey })
        {
            if (credentials.TryGetValue(key, out var ids) && Ids(ids) is null)
            {
                problems.Add($"{key} must be WordPress term ids separated by commas (at most {MaxTerms}), for example \"3,12\".");
            }
        }

        return problems;
    }

    /// <summary>The credentials, or null when they have a problem (<see cref="Problems"/>).</summary>
    public static WordPressCredentials? Read(IReadOnlyDictionary<string, string> credentials)
    {
        if (Problems(credentials).Count > 0)
        {
            return null;
        }

        return new(credentials[PasswordKey].Trim(), Ids(credentials.GetValueOrDefault(CategoriesKey)) ?? [], Ids(credentials.GetValueOrDefault(TagsKey)) ?? []);
    }

    private static List<long>? Ids(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var ids = new List<long>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0 || ids.Count == MaxTerms)
            {
                return null;
            }

            ids.Add(id);
        }

        return ids;
    }

    /// <summary>Never prints the password.</summary>
    public override string ToString() => $"WordPressCredentials {{ Categories = {Categories.Count}, Tags = {Tags.Count} }}";
}
