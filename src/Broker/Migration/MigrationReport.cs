namespace Broker.Migration;

/// <summary>The final summary: each kind's rows in LiteDB and in PostgreSQL, then the verdict.</summary>
internal static class MigrationReport
{
    public static async Task WriteAsync(TextWriter output, IReadOnlyList<MigrationCount> counts)
    {
        var width = counts.Max(c => c.Kind.Length);
        await output.WriteLineAsync();
        await output.WriteLineAsync($"{"Kind".PadRight(width)}  {"LiteDB",12}  {"PostgreSQL",12}");
        foreach (var count in counts)
        {
            await output.WriteLineAsync($"{count.Kind.PadRight(width)}  {count.LiteDb,12:N0}  {count.PostgreSql,12:N0}{(count.Matches ? string.Empty : "  MISMATCH")}");
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync($"Not copied, being short-lived: {string.Join(", ", LiteDbToPostgres.NotCopied)}.");
        if (counts.All(c => c.Matches))
        {
            await output.WriteLineAsync(
                "Migration complete: every count matches. Now configure the broker with Storage:Provider=PostgreSql and the same " +
                "ConnectionStrings:Broker, and start it.");
        }
        else
        {
            var mismatched = string.Join(", ", counts.Where(c => !c.Matches).Select(c => c.Kind));
            await output.WriteLineAsync(
                $"Migration NOT complete: the counts of {mismatched} differ. Run the migration again; if they still differ, PostgreSQL " +
                "holds rows the LiteDB file does not (was a broker already running on PostgreSQL?).");
        }
    }
}
