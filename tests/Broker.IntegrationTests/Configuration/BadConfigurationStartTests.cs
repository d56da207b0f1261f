#if !ON_POSTGRESQL
using Broker.IntegrationTests.Infrastructure;

namespace Broker.IntegrationTests.Configuration;

/// <summary>A broker process started with bad settings stops at once with every problem in one message, and a non-zero exit.</summary>
public sealed class BadConfigurationStartTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("broker-bad-configuration-").FullName;

    [Fact]
    public async Task A_start_with_bad_keys_in_several_options_classes_exits_non_zero_naming_every_key_in_one_message()
    {
        var (exitCode, output) = await BrokerProcess.RunCommandAsync(new Dictionary<string, string>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Storage__DatabasePath"] = Path.Combine(folder, "broker.db"),
            ["DataProtection__KeysPath"] = Path.Combine(folder, "keys"),
            ["Sandbox__Enabled"] = "false",
            ["Adapters__PluginsFolder"] = "",
            ["Storage__CheckpointInterval"] = "00:00:00",
            ["Reports__StaleAfterDays"] = "0",
            ["Platforms__X__UploadChunkBytes"] = "0",
        });

        Assert.Equal(2, exitCode);
        Assert.Contains("The broker cannot start: 3 configuration problems:", output, StringComparison.Ordinal);
        Assert.Contains("  - Storage:CheckpointInterval must be between 00:00:01 and 01:00:00 (it is 00:00:00).", output, StringComparison.Ordinal);
        Assert.Contains("  - Reports:StaleAfterDays must be between 1 and 365 (it is 0).", output, StringComparison.Ordinal);
        Assert.Contains("  - Platforms:X:UploadChunkBytes must be between 1 byte and 5 MiB.", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "broker.db")), "nothing is opened before the settings are checked");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
#endif
