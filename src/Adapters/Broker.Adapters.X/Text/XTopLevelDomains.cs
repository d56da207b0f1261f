namespace Broker.Adapters.X.Text;

/// <summary>The top-level domains a URL without a protocol must end in (embedded list, from the Public Suffix List).</summary>
internal static class XTopLevelDomains
{
    private static readonly Lazy<IReadOnlyList<string>> Loaded = new(Load);

    /// <summary>Every TLD, lower case, longest first (so a regular expression tries <c>community</c> before <c>com</c>).</summary>
    public static IReadOnlyList<string> All => Loaded.Value;

    /// <summary>Whether <paramref name="tld"/> is a country-code TLD (two ASCII letters), for twitter-text's short-domain rule.</summary>
    public static bool IsCountryCode(string tld) => tld.Length == 2 && char.IsAsciiLetter(tld[0]) && char.IsAsciiLetter(tld[1]);

    private static List<string> Load()
    {
        using var stream = typeof(XTopLevelDomains).Assembly.GetManifestResourceStream("Broker.Adapters.X.TopLevelDomains.txt")
            ?? throw new InvalidOperationException("The embedded TLD list is missing from the X adapter assembly.");
        using var reader = new StreamReader(stream);
        var tlds = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                tlds.Add(line.Trim());
            }
        }

        return [.. tlds.OrderByDescending(t => t.Length).ThenBy(t => t, StringComparer.Ordinal)];
    }
}
