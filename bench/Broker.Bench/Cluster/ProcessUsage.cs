using System.Globalization;

namespace Broker.Bench.Cluster;

/// <summary>
/// CPU time (user + system) and bytes caused to be written to storage (<c>write_bytes</c>) of a process and its live
/// children, from /proc. The root's CPU includes its children that already exited and were reaped (<c>cutime</c>,
/// <c>cstime</c>); their <c>write_bytes</c> are lost with them, which is why the server's connections are pooled.
/// </summary>
internal readonly record struct ProcessUsage(TimeSpan Cpu, long WrittenBytes)
{
    // USER_HZ: the unit of /proc/PID/stat's times, 100 on every Linux the suite runs on.
    private const double TicksPerSecond = 100;

    public static ProcessUsage operator -(ProcessUsage after, ProcessUsage before) =>
        new(after.Cpu - before.Cpu, after.WrittenBytes - before.WrittenBytes);

    public static ProcessUsage operator +(ProcessUsage a, ProcessUsage b) => new(a.Cpu + b.Cpu, a.WrittenBytes + b.WrittenBytes);

    public static ProcessUsage OfTree(int root)
    {
        var usage = Of(root, withReapedChildren: true);
        foreach (var child in ChildrenOf(root))
        {
            usage += Of(child, withReapedChildren: false);
        }

        return usage;
    }

    private static ProcessUsage Of(int pid, bool withReapedChildren)
    {
        try
        {
            var fields = StatFields(pid);

            // Fields 14-17 of /proc/PID/stat (utime, stime, cutime, cstime); after the ')' of the name, index 11 is field 14.
            var ticks = Tick(fields[11]) + Tick(fields[12]) + (withReapedChildren ? Tick(fields[13]) + Tick(fields[14]) : 0);
            return new ProcessUsage(TimeSpan.FromSeconds(ticks / TicksPerSecond), WriteBytes(pid));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return default; // a backend that exited between the listing and the read
        }
    }

    private static IEnumerable<int> ChildrenOf(int parent)
    {
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && ParentOf(pid) == parent)
            {
                yield return pid;
            }
        }
    }

    private static int ParentOf(int pid)
    {
        try
        {
            return int.Parse(StatFields(pid)[1], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return -1;
        }
    }

    // The fields after the process name, which may itself hold spaces and parentheses: [0] is the state (field 3).
    private static string[] StatFields(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    }

    private static long WriteBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/io"))
        {
            if (line.StartsWith("write_bytes:", StringComparison.Ordinal))
            {
                return long.Parse(line["write_bytes:".Length..].Trim(), CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    private static long Tick(string field) => long.Parse(field, CultureInfo.InvariantCulture);
}
