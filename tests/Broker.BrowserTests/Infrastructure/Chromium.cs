using Microsoft.Playwright;

namespace Broker.BrowserTests.Infrastructure;

/// <summary>
/// One headless Debian Chromium for the whole test run, driven by Playwright. The browser is the machine's
/// (<c>/usr/bin/chromium</c>, or <c>BROKER_CHROMIUM</c>); Playwright never downloads one. The flags keep Chromium off the
/// network: this machine has none, and background connections would only be refused.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public static readonly string ExecutablePath = Environment.GetEnvironmentVariable("BROKER_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"Chromium is not at {ExecutablePath}; install Debian's chromium (apt-get install -y chromium chromium-driver), as .ci/run does.");
        }

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
    }
}
