using System.Buffers;
using System.Collections.Frozen;

namespace Broker.Adapters.X.Text;

/// <summary>The top-level domains a URL without a protocol must end in (embedded list, from the Public Suffix List).</summary>
internal static class XTopLevelDomains
{
    private static readonly Lazy<IReadOnlyList<string>> Loaded = new(Load);
    private static readonly Lazy<Index> Indexed = new(() => new Index(Loaded.Value));

    /// <summary>Every TLD, lower case, longest first (as twitter-text's pattern tries them: <c>community</c> before <c>com</c>).</summary>
    public static IReadOnlyList<string> All => Loaded.Value;

    /// <summary>Whether <paramref name="tld"/> is a country-code TLD (two ASCII letters), for twitter-text's short-domain rule.</summary>
    public static bool IsCountryCode(ReadOnlySpan<char> tld) => tld.Length == 2 && char.IsAsciiLetter(tld[0]) && char.IsAsciiLetter(tld[1]);

    /// <summary>
    /// The length of the longest TLD that <paramref name="text"/> starts with in any case and that is not followed by
    /// a letter, digit, <c>@</c>, <c>+</c> or <c>-</c> (so <c>com</c> is not found in <c>comx</c>); 0 when there is none.
    /// </summary>
    public static int LengthAt(ReadOnlySpan<char> text) => Indexed.Value.LengthAt(text);

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

    /// <summary>
    /// The TLDs in a hash set, looked up by the lower-case form of the text. Every TLD is lower case, and a character
    /// matches one of their characters case-insensitively (as .NET's culture-invariant regular expressions compare)
    /// exactly when its invariant lower case is that character, so lowering first finds what the pattern finds.
    /// </summary>
    private sealed class Index
    {
        private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> tlds;
        private readonly SearchValues<char> characters;
        private readonly int maxLength;
        private readonly bool[] lengths;

        public Index(IReadOnlyList<string> all)
        {
            tlds = all.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
            characters = SearchValues.Create([.. all.SelectMany(t => t).Distinct()]);
            maxLength = all.Max(t => t.Length);
            lengths = new bool[maxLength + 1];
            foreach (var tld in all)
            {
                lengths[tld.Length] = true;
            }
        }

        public int LengthAt(ReadOnlySpan<char> text)
        {
            Span<char> lowered = stackalloc char[maxLength];
            var candidate = 0;
            while (candidate < text.Length && candidate < maxLength && characters.Contains(lowered[candidate] = char.ToLowerInvariant(text[candidate])))
            {
                candidate++;
            }

            for (var length = candidate; length > 0; length--)
            {
                if (lengths[length] && (length == text.Length || XUrlChars.MayFollowTld(text[length])) && tlds.Contains(lowered[..length]))
                {
                    return length;
                }
            }

            return 0;
        }
    }
}
