using System.Diagnostics;
using System.Globalization;

namespace Broker.Soak;

/// <summary>One soak run: load with faults for the set time, then let the deliveries settle, then compare both sides.</summary>
internal sealed class SoakRun(SoakRig rig, SoakOptions options, TextWriter output)
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    public async Task<SoakReport> RunAsync(CancellationToken cancellationToken)
    {
        var random = new Random(options.Seed);
        var faults = new FaultPlan(random, options.FaultRate);
        var driver = new LoadDriver(rig, options, faults, random);
        await driver.SetUpAsync(cancellationToken);
        output.WriteLine(Invariant($"Soak: {options.Deliveries} deliveries over {options.Duration}, {driver.Accounts.Count} accounts, fault rate {options.FaultRate}, seed {options.Seed}"));

        using var operatorStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var operatorLoop = driver.ReauthorizeAsync(operatorStop.Token);
        var clock = Stopwatch.StartNew();
        await driver.RunAsync(new Progress<string>(output.WriteLine), cancellationToken);
        var loadTime = clock.Elapsed;

        // Faults not yet met would only slow the settling; the ones that struck have done their work.
        rig.Sandbox.State.ClearFaults();
        var settled = await SettleAsync(cancellationToken);
        var settleTime = clock.Elapsed - loadTime;
        await operatorStop.CancelAsync();
        await IgnoreCancellationAsync(operatorLoop);

        var deliveries = await rig.Api.ListDeliveriesAsync(cancellationToken);
        var report = SoakReport.Compare(deliveries, driver.Accounts, rig.Sandbox.State.Posts(null), driver.Accepted);
        var opened = 0;
        foreach (var account in driver.Accounts)
        {
            opened += (await rig.Api.AuditAsync(account.Id, cancellationToken)).Count(a => a.Action == "account.circuitOpened");
        }

        output.WriteLine();
        output.WriteLine(Invariant($"faults injected: {faults.Injected.Values.Sum()} ({string.Join(", ", faults.Injected.OrderBy(f => f.Key).Select(f => $"{f.Key} {f.Value}"))})"));
        output.WriteLine(Invariant($"circuits opened: {opened}; re-authorisations by the operator: {driver.Reauthorizations}; attempts: {deliveries.Sum(d => d.Attempts)}"));
        output.WriteLine(Invariant($"sandbox posts: {rig.Sandbox.State.Posts(null).Count}; platform requests: {rig.Sandbox.State.Requests.Count}"));
        report.Print(output, Invariant($"{driver.Items} items, load {loadTime:mm\\:ss}, settled {(settled ? "in" : "NOT within")} {settleTime:mm\\:ss}"));
        output.WriteLine();
        output.WriteLine(report.Duplicates == 0 && report.Lost == 0 ? "OK: no duplicates, nothing lost" : "FAILED: duplicates or lost deliveries");
        return report;
    }

    /// <summary>Waits until no delivery is scheduled, publishing, retrying or held (the operator resumes held ones), or until the settle time is up.</summary>
    private async Task<bool> SettleAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < options.Settle)
        {
            var pending = (await rig.Api.ListDeliveriesAsync(cancellationToken)).Count(d => d.Status is "scheduled" or "publishing" or "retrying" or "held");
            if (pending == 0)
            {
                return true;
            }

            output.WriteLine(Invariant($"settling: {pending} deliveries pending"));
            await Task.Delay(Poll, cancellationToken);
        }

        return false;
    }

    private static async Task IgnoreCancellationAsync(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
