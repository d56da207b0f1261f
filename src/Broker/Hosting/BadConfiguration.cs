using Microsoft.Extensions.Options;

namespace Broker.Hosting;

/// <summary>
/// A start refused by the options validators: every problem of every options class (the host's and the adapters'), in
/// one message, so an operator fixes them all at once instead of one per start.
/// </summary>
internal static class BadConfiguration
{
    /// <summary>The problems <paramref name="exception"/> reports, when it is the start-up options check's; else null.</summary>
    public static IReadOnlyList<string>? ProblemsOf(Exception exception) => exception switch
    {
        OptionsValidationException invalid => [.. invalid.Failures],
        AggregateException all when all.InnerExceptions.All(e => e is OptionsValidationException) =>
            [.. all.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures)],
        _ => null,
    };

    public static string Describe(IReadOnlyList<string> problems) =>
        $"The broker cannot start: {problems.Count} configuration problem{(problems.Count == 1 ? "" : "s")}:{Environment.NewLine}"
        + string.Concat(problems.Select(p => $"  - {p}{Environment.NewLine}"))
        + "Set these keys in appsettings.json or as environment variables (Storage__CheckpointInterval=00:01:00); README, \"Configuration\", lists every key.";
}
