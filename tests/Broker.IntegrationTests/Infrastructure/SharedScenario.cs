namespace Broker.IntegrationTests.Infrastructure;

/// <summary>
/// One sandbox and broker for a whole test class (<c>IClassFixture&lt;SharedScenario&gt;</c>), for classes whose tests
/// only need a running broker, not an empty one: each test makes its own data (<see cref="Unique"/> codes and NIPs) and
/// asserts on that data only, so the tests neither see nor disturb each other. Starting a broker per test was most of
/// those classes' time.
/// </summary>
public sealed class SharedScenario : IAsyncLifetime
{
    private int next;

    public Scenario Scenario { get; private set; } = null!;

    /// <summary>An OPD code of its own for one test: <paramref name="stem"/> and a number (lower-case letters, digits, '-').</summary>
    public string Unique(string stem) => $"{stem}-{Interlocked.Increment(ref next)}";

    /// <summary>An 18-digit NIP no other test of this class uses: <paramref name="prefix"/> (8 digits) and a number.</summary>
    public string UniqueNip(string prefix = "19800101") => $"{prefix}{Interlocked.Increment(ref next):D10}";

    public async Task InitializeAsync() => Scenario = await Scenario.StartAsync();

    public async Task DisposeAsync() => await Scenario.DisposeAsync();
}
