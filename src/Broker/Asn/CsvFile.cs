using System.Text;
using System.Text.Unicode;

namespace Broker.Asn;

/// <summary>
/// Turns an uploaded CSV file into rows: UTF-8 only (a byte order mark is fine), decoded strictly so that a file saved
/// in another encoding is refused line by line instead of read with replacement characters; the separator is the one of
/// <c>,</c> <c>;</c> and tab that the header line holds most of, since Excel in Indonesian locales saves with <c>;</c>.
/// </summary>
public static class CsvFile
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly char[] Separators = [',', ';', '\t'];

    public static CsvReader.Content Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith(Encoding.UTF8.Preamble))
        {
            bytes = bytes[Encoding.UTF8.Preamble.Length..];
        }
        else if (bytes.StartsWith(Encoding.Unicode.Preamble) || bytes.StartsWith(Encoding.BigEndianUnicode.Preamble))
        {
            return Refused([new(1, "the file is UTF-16 (Excel's \"Unicode Text\"); save it as \"CSV UTF-8\"")]);
        }

        var notUtf8 = LinesNotUtf8(bytes);
        if (notUtf8.Count > 0)
        {
            return Refused(notUtf8);
        }

        var text = StrictUtf8.GetString(bytes);
        return CsvReader.Read(text, SeparatorOf(text));
    }

    /// <summary>UTF-8 never encodes anything else with the byte of LF, so each line can be checked on its own.</summary>
    private static List<CsvReader.Fault> LinesNotUtf8(ReadOnlySpan<byte> bytes)
    {
        var faults = new List<CsvReader.Fault>();
        for (var line = 1; !bytes.IsEmpty; line++)
        {
            var end = bytes.IndexOf((byte)'\n');
            if (!Utf8.IsValid(end < 0 ? bytes : bytes[..end]))
            {
                faults.Add(new(line, "this line is not valid UTF-8 (was the file saved in another encoding?); save it as \"CSV UTF-8\""));
            }

            bytes = end < 0 ? [] : bytes[(end + 1)..];
        }

        return faults;
    }

    private static char SeparatorOf(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        var header = end < 0 ? text : text[..end];
        return Separators.MaxBy(separator => header.AsSpan().Count(separator));
    }

    private static CsvReader.Content Refused(List<CsvReader.Fault> faults) => new([], faults);
}
