using Broker.Hosting;
using Microsoft.Extensions.Options;

namespace Broker.Storage;

internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var problems = new OptionsProblems(StorageOptions.Section);
        if (!Enum.IsDefined(options.Provider))
        {
            problems.Add(nameof(options.Provider), $"must be {StorageProvider.LiteDb} or {StorageProvider.PostgreSql} (it is {options.Provider}).");
        }

        problems.Required(options.DatabasePath);
        problems.Between(options.CheckpointInterval, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        problems.Between(options.JournalCompactionInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromDays(1));
        problems.Between(options.ArchiveInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromDays(7));
        problems.Between(options.ItemListCacheBytes, 0, 256L * 1024 * 1024);
        problems.Between(options.UpgradeStepPause, TimeSpan.Zero, TimeSpan.FromMinutes(1));

        // Under a day is a typing slip (minutes for days), not a policy: work would leave the lists while still talked about.
        if (options.Archives && options.ArchiveAfter < TimeSpan.FromDays(1))
        {
            problems.Add(nameof(options.ArchiveAfter), $"must be at least one day (1.00:00:00), or 0 to archive nothing (it is {options.ArchiveAfter}).");
        }
        return problems.Result();
    }
}
