using System.Globalization;

namespace Broker.Bench.Report;

/// <summary>Numbers as the table shows them: thousands separated, units spelled out.</summary>
internal static class Format
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Count(long n) => n.ToString("N0", Invariant);

    public static string Rate(double perSecond, string unit = "/s") =>
        (perSecond >= 100 ? perSecond.ToString("N0", Invariant) : perSecond.ToString("N1", Invariant)) + unit;

    public static string Seconds(TimeSpan span) => span.TotalSeconds.ToString(span.TotalSeconds >= 10 ? "N1" : "N2", Invariant) + " s";

    public static string Millis(TimeSpan span) => span.TotalMilliseconds switch
    {
        >= 10_000 => Seconds(span),
        >= 100 => span.TotalMilliseconds.ToString("N0", Invariant) + " ms",
        >= 1 => span.TotalMilliseconds.ToString("N1", Invariant) + " ms",
        _ => span.TotalMilliseconds.ToString("N3", Invariant) + " ms",
    };

    public static string Micros(TimeSpan span) => span.TotalMicroseconds.ToString(span.TotalMicroseconds >= 100 ? "N0" : "N1", Invariant) + " µs";

    public static string Ratio(double ratio) => ratio.ToString("N2", Invariant) + "×";

    public static string Kilobytes(long bytes) => (bytes / 1024.0).ToString("N0", Invariant) + " KB";

    public static string Megabytes(long bytes) => (bytes / 1024.0 / 1024.0).ToString("N1", Invariant) + " MB";
}
