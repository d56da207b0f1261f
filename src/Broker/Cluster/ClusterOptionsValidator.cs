using Microsoft.Extensions.Options;

namespace Broker.Cluster;

/// <summary>The cluster's timings must leave a live node time to prove it is alive: every failure in one message.</summary>
internal sealed class ClusterOptionsValidator : IValidateOptions<ClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterOptions options)
    {
        var failures = new List<string>();
        if (options.NodeTimeout < options.HeartbeatInterval * 3)
        {
            failures.Add($"Cluster:NodeTimeout ({options.NodeTimeout}) must be at least three Cluster:HeartbeatInterval ({options.HeartbeatInterval}): a live node that misses one beat must not be taken for dead.");
        }

        if (options.CheckinMisfireThreshold < options.CheckinInterval)
        {
            failures.Add($"Cluster:CheckinMisfireThreshold ({options.CheckinMisfireThreshold}) must be at least Cluster:CheckinInterval ({options.CheckinInterval}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
