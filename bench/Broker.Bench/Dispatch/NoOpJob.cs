using Broker.Bench.Infrastructure;
using Quartz;

namespace Broker.Bench.Dispatch;

/// <summary>The reference job: does nothing but note that (and how late) it fired.</summary>
internal sealed class NoOpJob(FireRecorder recorder) : IJob
{
    public static readonly JobKey Key = new("no-op", "bench");

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        recorder.Record(Clock.Now - (context.ScheduledFireTimeUtc ?? context.FireTimeUtc));
        return ValueTask.CompletedTask;
    }
}
