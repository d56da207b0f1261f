using Microsoft.Playwright;

namespace Broker.BrowserTests.Infrastructure;

/// <summary>
/// Screenshots of the journeys, kept as CI artifacts in <c>artifacts/screenshots/</c> at the repository's root (ignored
/// by git), or in <c>BROKER_SCREENSHOTS</c>.
/// </summary>
public static class Screenshots
{
    public static string Folder { get; } = FindFolder();

    /// <summary>Takes the screenshot, and fails the journey when the page is in Indonesian but shows an English sentence of the resources.</summary>
    public static async Task TakeAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, name + ".png"), FullPage = true });
        if (await EnglishText.OnIndonesianPageAsync(page) is { Count: > 0 } english)
        {
            throw new InvalidOperationException($"{page.Url} ({name}) is in Indonesian but shows English: \"{string.Join("\", \"", english)}\"");
        }
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
