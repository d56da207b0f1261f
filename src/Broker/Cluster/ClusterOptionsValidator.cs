using Broker.Hosting;
using Microsoft.Extensions.Options;

namespace Broker.Cluster;

/// <summary>The cluster's timings must leave a live node time to prove it is alive: every failure in one message.</summary>
internal sealed class ClusterOptionsValidator : IValidateOptions<ClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterOptions options)
    {
        var problems = new OptionsProblems(ClusterOptions.Section);
        if (options.NodeId is { Length: > 80 })
        {
            problems.Add(nameof(options.NodeId), $"must be at most 80 characters (it has {options.NodeId.Length}).");
        }

        problems.Between(options.HeartbeatInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10));
        problems.Between(options.NodeTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        problems.Between(options.CheckinInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10));
        problems.Between(options.CheckinMisfireThreshold, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1));
        problems.Between(options.MisfireThreshold, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1));
        problems.Between(options.WakeUpSweepInterval, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        problems.Between(options.IdleWaitTime, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));
        if (options.NodeTimeout < options.HeartbeatInterval * 3)
        {
            problems.Add(nameof(options.NodeTimeout), $"({options.NodeTimeout}) must be at least three {problems.Key(nameof(options.HeartbeatInterval))} ({options.HeartbeatInterval}): a live node that misses one beat must not be taken for dead.");
        }

        if (options.CheckinMisfireThreshold < options.CheckinInterval)
        {
            problems.Add(nameof(options.CheckinMisfireThreshold), $"({options.CheckinMisfireThreshold}) must be at least {problems.Key(nameof(options.CheckinInterval))} ({options.CheckinInterval}).");
        }

        return problems.Result();
    }
}
