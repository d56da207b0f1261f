using Broker.Sandbox.Control;

namespace Broker.Soak;

/// <summary>
/// Plays the newsroom and the operator: creates the accounts, then keeps submitting and approving items at an even pace
/// for the set time, injecting a random fault for some of them, and re-authorises accounts whose token was refused.
/// Remembers every delivery an approval accepted, so the report can tell if one vanished.
/// </summary>
internal sealed class LoadDriver(SoakRig rig, SoakOptions options, FaultPlan faults, Random random)
{
    private const string Opd = "soak";
    private static readonly string[] Platforms = ["facebook", "instagram", "x"];
    private readonly List<SoakAccount> accounts = [];
    private readonly HashSet<string> accepted = new(StringComparer.Ordinal);
    private string photo = string.Empty;

    public IReadOnlyList<SoakAccount> Accounts => accounts;

    public IReadOnlySet<string> Accepted => accepted;

    public int Items { get; private set; }

    public int Reauthorizations { get; private set; }

    public async Task SetUpAsync(CancellationToken cancellationToken)
    {
        await rig.Api.CreateOpdAsync(Opd, cancellationToken);
        foreach (var platform in Platforms)
        {
            for (var number = 1; number <= options.AccountsPerPlatform; number++)
            {
                var (externalId, credentials) = SoakAccount.Describe(platform, number);
                var row = await rig.Api.CreateAccountAsync(Opd, platform, externalId, credentials, cancellationToken);
                accounts.Add(new SoakAccount(row.Id, platform, externalId, credentials));
            }
        }

        photo = await rig.Api.UploadPhotoAsync(SampleImages.Jpeg(1080, 1080), cancellationToken);
    }

    /// <summary>Approves items until the deliveries are all created or the time is up, spreading them evenly.</summary>
    public async Task RunAsync(IProgress<string> progress, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (accepted.Count < options.Deliveries && clock.Elapsed < options.Duration)
        {
            var due = options.Duration * ((double)accepted.Count / options.Deliveries);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken);
            }

            await ApproveOneAsync(cancellationToken);
            if (Items % 100 == 0)
            {
                progress.Report($"{clock.Elapsed:mm\\:ss} {Items} items, {accepted.Count} deliveries, {faults.Injected.Values.Sum()} faults");
            }
        }
    }

    /// <summary>The operator: every two seconds, new credentials for each account whose token the platform refused.</summary>
    public async Task ReauthorizeAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(2));
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            foreach (var row in await rig.Api.ListAccountsAsync(cancellationToken))
            {
                if (row.Status == "needsReauth" && accounts.Find(a => a.Id == row.Id) is { } account)
                {
                    await rig.Api.ReplaceCredentialsAsync(account.Id, account.Credentials, cancellationToken);
                    Reauthorizations++;
                }
            }
        }
    }

    private async Task ApproveOneAsync(CancellationToken cancellationToken)
    {
        var number = ++Items;
        var targets = accounts.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToList();
        var withPhoto = targets.Exists(a => a.Platform == "instagram") || random.NextDouble() < 0.3;
        var item = new
        {
            opd = Opd,
            title = $"Uji ketahanan {number}",
            body = $"Berita uji nomor {number} untuk {targets.Count} akun ({Guid.NewGuid():N}).",
            link = $"https://portal.example.go.id/berita/uji-{number}",
            eventEndedAt = TimeProvider.System.GetUtcNow(),
            mediaIds = withPhoto ? new[] { photo } : [],
            accountIds = targets.Select(a => a.Id).ToArray(),
        };
        foreach (var delivery in await rig.Api.SubmitAndApproveAsync(item, cancellationToken))
        {
            accepted.Add(delivery.Id);
        }

        foreach (var target in targets)
        {
            if (faults.Draw(target.Platform, target.ExternalId, withPhoto) is { } fault)
            {
                rig.Sandbox.State.AddFault(fault);
            }
        }
    }
}
