using System.Globalization;

namespace Broker.Soak;

/// <summary>What one soak run does; every value has a default and can be given on the command line.</summary>
/// <param name="Deliveries">Deliveries to create (an item goes to one to three accounts).</param>
/// <param name="Duration">How long items keep being approved; the deliveries are spread over it.</param>
/// <param name="AccountsPerPlatform">Channel accounts on each of Facebook, Instagram and X.</param>
/// <param name="FaultRate">The chance that approving an item injects a random fault aimed at one of its accounts.</param>
/// <param name="Settle">How long to wait, after the load, for every delivery to reach an end state.</param>
/// <param name="Seed">Seed of the random choices (items, accounts, faults), to repeat a run.</param>
internal sealed record SoakOptions(int Deliveries, TimeSpan Duration, int AccountsPerPlatform, double FaultRate, TimeSpan Settle, int Seed)
{
    public const string Usage =
        "dotnet run --project tools/Broker.Soak -c Release -- [--deliveries 2000] [--duration 00:03:00] " +
        "[--accounts 8] [--fault-rate 0.25] [--settle 00:05:00] [--seed 1]";

    public static SoakOptions Default { get; } = new(2000, TimeSpan.FromMinutes(3), 8, 0.25, TimeSpan.FromMinutes(5), 1);

    /// <summary>The options the arguments give, or the problems with them.</summary>
    public static (SoakOptions? Options, IReadOnlyList<string> Problems) Parse(IReadOnlyList<string> args)
    {
        var options = Default;
        var problems = new List<string>();
        for (var i = 0; i < args.Count; i += 2)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            options = (args[i], value) switch
            {
                (_, null) => Problem($"{args[i]} needs a value"),
                ("--deliveries", _) when Int(value) is > 0 and var n => options with { Deliveries = n },
                ("--duration", _) when Time(value) is { } t && t > TimeSpan.Zero => options with { Duration = t },
                ("--accounts", _) when Int(value) is > 0 and var n => options with { AccountsPerPlatform = n },
                ("--fault-rate", _) when Rate(value) is { } r => options with { FaultRate = r },
                ("--settle", _) when Time(value) is { } t && t > TimeSpan.Zero => options with { Settle = t },
                ("--seed", _) when Int(value) is { } n => options with { Seed = n },
                _ => Problem($"{args[i]} {value} is not understood"),
            };
        }

        return problems.Count == 0 ? (options, problems) : (null, problems);

        SoakOptions Problem(string text)
        {
            problems.Add(text);
            return options;
        }
    }

    private static int? Int(string? text) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static TimeSpan? Time(string? text) => TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var t) ? t : null;

    private static double? Rate(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && r is >= 0 and <= 1 ? r : null;
}
