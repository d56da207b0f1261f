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
        return problems.Result();
    }
}
