namespace Broker.Bench;

/// <summary>What to run and how big: the full suite, or <c>--quick</c> (small N, a smoke run for CI).</summary>
internal sealed record BenchSettings
{
    public static readonly IReadOnlyList<string> Sections = ["rendering", "dispatch", "lateness", "startup", "redirects", "memory", "cluster", "events", "engagement", "history", "directory"];

    /// <summary>What runs without <c>--only</c>: every section but "history", whose seeding alone takes many minutes, and "directory".</summary>
    public static readonly IReadOnlyList<string> DefaultSections = [.. Sections.Where(s => s is not ("history" or "directory"))];

    public const string Usage = """
        usage: dotnet run --project bench/Broker.Bench -c Release -- [--quick] [--only rendering,dispatch,lateness,startup,redirects,memory,cluster,events,engagement,history,directory]
                                                                    [--markdown FILE] [--no-install] [--pg-profile] [--max-nodes N]
                                                                    [--cluster-size BURST,SPREAD,SECONDS] [--scale S] [--reseed]
          --quick       small N, a few seconds per section: a smoke run (targets are then not judged)
          --only        run only these sections (every run shows its memory figures; memory adds the lateness and startup runs)
                        cluster: LiteDB (1 node) beside PostgreSQL (1, 2, 3 nodes) on a throwaway durable server
          --markdown    also write the table as Markdown to FILE
          --no-install  do not apt-get install nginx when it is missing
          --max-nodes   cluster: run PostgreSQL with at most N nodes (1 to 3; default 3)
          --cluster-size  cluster: the burst and the spread (deliveries, seconds) instead of 10,000 and 100,000 over 120; burst 0: no burst
          --pg-profile  cluster: also sample PostgreSQL's wait events and print its costliest statements per run (adds load)
          history       (only with --only) a year of history seeded through the stores, cached in bench/.cache by scale:
                        start-up, lists and pages at 20 users, the reports over 365 days, peak memory, beside an empty database
          directory     (only with --only) 100,000 ASN over 40 OPDs (cached in bench/.cache; 10,000 with --quick): the
                        directory's lists, searches and pages, an OPD admin's view, the CSV import preview and the
                        bulk sign-in CSV of one OPD, at 20 users
          --scale S     history: seed S times the issue's year (0.05: a run of a few minutes; default 1, or 0.01 with --quick)
          --reseed      history, directory: seed again even when bench/.cache holds the history of this scale
        """;

    public bool Quick { get; init; }

    public required IReadOnlySet<string> Only { get; init; }

    public string? MarkdownPath { get; init; }

    public bool InstallNginx { get; init; } = true;

    /// <summary>The cluster section also profiles PostgreSQL (pg_stat_statements, wait events sampled from pg_stat_activity).</summary>
    public bool PgProfile { get; init; }

    /// <summary>The cluster section runs PostgreSQL with 1 up to this many nodes.</summary>
    public int MaxNodes { get; init; } = 3;

    /// <summary>The cluster section's burst and spread when given (<c>--cluster-size</c>), else the scale's.</summary>
    public (int Burst, ScheduledRun Spread)? ClusterSize { get; init; }

    public BenchScale Sized => ClusterSize is { } size ? Scale with { ClusterBurst = size.Burst, ClusterSpread = size.Spread } : Scale;

    public BenchScale Scale => Quick ? BenchScale.QuickRun : BenchScale.FullRun;

    /// <summary>The history section's size, a fraction of the year (<c>--scale</c>).</summary>
    public double HistoryScale => GivenScale ?? (Quick ? 0.01 : 1);

    public double? GivenScale { get; init; }

    /// <summary>The history section seeds again even when its cache holds that scale's history.</summary>
    public bool Reseed { get; init; }

    public bool Runs(string section) => Only.Contains(section);

    public static BenchSettings? Parse(IReadOnlyList<string> args)
    {
        var quick = false;
        var install = true;
        var pgProfile = false;
        var maxNodes = 3;
        var reseed = false;
        double? scale = null;
        (int, ScheduledRun)? clusterSize = null;
        string? markdown = null;
        IReadOnlySet<string> only = DefaultSections.ToHashSet(StringComparer.Ordinal);
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
                case "--cluster-size" when i + 1 < args.Count:
                    var parts = args[++i].Split(',');
                    if (parts.Length != 3 || !int.TryParse(parts[0], out var burst) || !int.TryParse(parts[1], out var spread) || !int.TryParse(parts[2], out var seconds))
                    {
                        return null;
                    }

                    clusterSize = (burst, new ScheduledRun(spread, TimeSpan.FromSeconds(seconds)));
                    break;
                case "--scale" when i + 1 < args.Count && double.TryParse(args[i + 1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var s) && s is > 0 and <= 1:
                    scale = s;
                    i++;
                    break;
                case "--reseed":
                    reseed = true;
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

        return new BenchSettings { Quick = quick, Only = only, MarkdownPath = markdown, InstallNginx = install, PgProfile = pgProfile, MaxNodes = maxNodes, ClusterSize = clusterSize, GivenScale = scale, Reseed = reseed };
    }
}
