using System.Diagnostics;
using Broker.Bench.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Broker.Bench.Dispatch;

/// <summary>
/// The reference for dispatch and lateness: a bare Quartz scheduler configured as the broker configures its own (in-memory
/// store, default thread pool of the same size, jobs from DI, one trigger per delivery with "fire now" on misfire) firing
/// no-op jobs in this process.
/// </summary>
internal static class BareQuartz
{
    /// <summary>Fires <paramref name="jobs"/> no-op jobs whose triggers are all due at once.</summary>
    public static Task<BareRun> BurstAsync(int jobs, int threads, CancellationToken cancellationToken) =>
        RunAsync(jobs, threads, TimeSpan.Zero, cancellationToken);

    /// <summary>Fires <paramref name="jobs"/> no-op jobs due evenly over <paramref name="spread"/>.</summary>
    public static Task<BareRun> SpreadAsync(int jobs, int threads, TimeSpan spread, CancellationToken cancellationToken) =>
        RunAsync(jobs, threads, spread, cancellationToken);

    private static async Task<BareRun> RunAsync(int jobs, int threads, TimeSpan spread, CancellationToken cancellationToken)
    {
        var recorder = new FireRecorder(jobs);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(recorder);
        services.AddQuartz(q =>
        {
            q.UseInMemoryStore();
            q.UseDefaultThreadPool(threads);
            q.AddJob<NoOpJob>(j => j.WithIdentity(NoOpJob.Key).StoreDurably());
        });
        await using var provider = services.BuildServiceProvider();
        var scheduler = await provider.GetRequiredService<ISchedulerFactory>().GetScheduler(cancellationToken);
        await scheduler.Start(cancellationToken);

        var due = Clock.Now + TimeSpan.FromSeconds(1) + TimeSpan.FromMilliseconds(jobs / 20.0);
        for (var i = 0; i < jobs; i++)
        {
            var trigger = TriggerBuilder.Create(TimeProvider.System)
                .WithIdentity("t" + i, "bench")
                .ForJob(NoOpJob.Key)
                .StartAt(due + (spread * i / jobs))
                .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
                .Build();
            await scheduler.ScheduleTrigger(trigger, TriggerConflict.Replace, cancellationToken);
        }

        var scheduledLate = Clock.Now > due;
        await Clock.WaitUntilAsync(due, cancellationToken);
        var dueAt = Clock.Timestamp;
        var cpu = CpuTime();
        await recorder.AllFired.WaitAsync(spread + TimeSpan.FromMinutes(2), cancellationToken);
        var used = CpuTime() - cpu;
        await scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken);
        return new BareRun(jobs, Clock.Between(dueAt, recorder.LastAt), used, Percentiles.Of(recorder.Lateness), scheduledLate);
    }

    private static TimeSpan CpuTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }
}
