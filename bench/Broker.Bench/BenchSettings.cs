namespace Broker.Bench;

/// <summary>What to run and how big: the full suite, or <c>--quick</c> (small N, a smoke run for CI).</summary>
internal sealed record BenchSettings
{
    public static readonly IReadOnlyList<string> Sections = ["rendering", "dispatch", "lateness", "startup", "redirects", "memory", "cluster"];

    public const string Usage = """
        usage: dotnet run --project bench/Broker.Bench -c Release -- [--quick] [--only rendering,dispatch,lateness,startup,redirects,memory,cluster]
                                                                    [--markdown FILE] [--no-install] [--pg-profile] [--max-nodes N]
          --quick       small N, a few seconds per section: a smoke run (targets are then not judged)
          --only        run only these sections (every run shows its memory figures; memory adds the lateness and startup runs)
                        cluster: LiteDB (1 node) beside PostgreSQL (1, 2, 3 nodes) on a throwaway durable server
          --markdown    also write the table as Markdown to FILE
          --no-install  do not apt-get install nginx when it is missing
          --max-nodes   cluster: run PostgreSQL with at most N nodes (1 to 3; default 3)
          --pg-profile  cluster: also sample PostgreSQL's wait events and print its costliest statements per run (adds load)
        """;

    public bool Quick { get; init; }

    public required IReadOnlySet<string> Only { get; init; }

    public string? MarkdownPath { get; init; }

    public bool InstallNginx { get; init; } = true;

    /// <summary>The cluster section also profiles PostgreSQL (pg_stat_statements, wait events sampled from pg_stat_activity).</summary>
    public bool PgProfile { get; init; }

    /// <summary>The cluster section runs PostgreSQL with 1 up to this many nodes.</summary>
    public int MaxNodes { get; init; } = 3;

    public BenchScale Scale => Quick ? BenchScale.QuickRun : BenchScale.FullRun;

    public bool Runs(string section) => Only.Contains(section);

    public static BenchSettings? Parse(IReadOnlyList<string> args)
    {
        var quick = false;
        var install = true;
        var pgProfile = false;
        var maxNodes = 3;
        string? markdown = null;
        IReadOnlySet<string> only = Sections.ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--no-install":
                    install = false;
                    break;
                case "--max-nodes" when i + 1 < args.Count && int.TryParse(args[i + 1], out var nodes) && nodes is >= 1 and <= 3:
                    maxNodes = nodes;
                    i++;
                    break;
                case "--pg-profile":
                    pgProfile = true;
                    break;
                case "--markdown" when i + 1 < args.Count:
                    markdown = args[++i];
                    break;
                case "--only" when i + 1 < args.Count:
                    var wanted = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                        .Select(s => s.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
                    if (wanted.Count == 0 || !wanted.IsSubsetOf(Sections))
                    {
                        return null;
                    }

                    only = wanted;
                    break;
                default:
                    return null;
            }
        }

        return new BenchSettings { Quick = quick, Only = only, MarkdownPath = markdown, InstallNginx = install, PgProfile = pgProfile, MaxNodes = maxNodes };
    }
}
