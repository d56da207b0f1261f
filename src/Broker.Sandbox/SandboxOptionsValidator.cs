using Microsoft.Extensions.Options;

namespace Broker.Sandbox;

/// <summary>
/// Checks a sandbox's settings before it starts: every problem at once, naming the settings. The sandbox is given its
/// settings in code (a test, the soak rig, the broker's embedded sandbox), so a bad one fails the start, not a call.
/// </summary>
public sealed class SandboxOptionsValidator : IValidateOptions<SandboxOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttp)
        {
            problems.Add($"{nameof(SandboxOptions.Url)} '{options.Url}' is not an http address such as http://127.0.0.1:0.");
        }

        Positive(problems, nameof(options.InstagramPublishQuota), options.InstagramPublishQuota);
        Positive(problems, nameof(options.InstagramContainersPerWindow), options.InstagramContainersPerWindow);
        Positive(problems, nameof(options.InstagramMaxImageBytes), options.InstagramMaxImageBytes);
        Positive(problems, nameof(options.FacebookCallsPerHour), options.FacebookCallsPerHour);
        Positive(problems, nameof(options.XTweetsPerWindow), options.XTweetsPerWindow);
        Positive(problems, nameof(options.XOtherRequestsPerWindow), options.XOtherRequestsPerWindow);
        Positive(problems, nameof(options.XUserTweetsPer24Hours), options.XUserTweetsPer24Hours);
        Positive(problems, nameof(options.XMaxWeightedLength), options.XMaxWeightedLength);
        Positive(problems, nameof(options.InstagramContainerLifetime), options.InstagramContainerLifetime.Ticks);
        Positive(problems, nameof(options.InstagramQuotaWindow), options.InstagramQuotaWindow.Ticks);
        Positive(problems, nameof(options.XRateLimitWindow), options.XRateLimitWindow.Ticks);
        Positive(problems, nameof(options.MediaFetchTimeout), options.MediaFetchTimeout.Ticks);
        if (options.InstagramInProgressPolls < 0 || options.XImageProcessingChecks < 0 || options.XVideoProcessingChecks < 0)
        {
            problems.Add($"{nameof(options.InstagramInProgressPolls)}, {nameof(options.XImageProcessingChecks)} and {nameof(options.XVideoProcessingChecks)} cannot be negative.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void Positive(List<string> problems, string name, long value)
    {
        if (value <= 0)
        {
            problems.Add($"{name} must be positive.");
        }
    }
}
