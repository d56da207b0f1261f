using Microsoft.Playwright;

namespace Broker.BrowserTests.Infrastructure;

/// <summary>
/// Screenshots of the journeys, kept as CI artifacts in <c>artifacts/screenshots/</c> at the repository's root (ignored
/// by git), or in <c>BROKER_SCREENSHOTS</c>.
/// </summary>
public static class Screenshots
{
    public static string Folder { get; } = FindFolder();

    public static async Task TakeAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, name + ".png"), FullPage = true });
    }

    private static string FindFolder()
    {
        if (Environment.GetEnvironmentVariable("BROKER_SCREENSHOTS") is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }

        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Broker.sln")))
        {
            folder = folder.Parent;
        }

        return Path.Combine(folder?.FullName ?? AppContext.BaseDirectory, "artifacts", "screenshots");
    }
}
