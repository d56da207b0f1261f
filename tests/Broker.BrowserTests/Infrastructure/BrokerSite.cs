using Broker.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace Broker.BrowserTests.Infrastructure;

/// <summary>
/// One broker (and its sandbox) per test class, with Dinas Kesehatan's three channel accounts and two people: the first
/// editor (<see cref="BrokerHost.AdminToken"/>) and Sari, dinkes's OPD admin.
/// </summary>
public sealed class BrokerSite : IAsyncLifetime
{
    public const string Opd = "dinkes";

    public Scenario Scenario { get; private set; } = null!;

    public string EditorToken => BrokerHost.AdminToken;

    public string OpdAdminToken { get; private set; } = "";

    public string Facebook { get; private set; } = "";

    public string Instagram { get; private set; } = "";

    public string X { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Scenario = await Scenario.StartAsync();
        await Scenario.CreateOpdAsync();
        await Scenario.CreateOpdAsync(Opd, "Dinas Kesehatan");
        Facebook = await Scenario.CreateAccountAsync(Opd, "facebook", "2000001");
        Instagram = await Scenario.CreateAccountAsync(Opd, "instagram", "1784000002");
        X = await Scenario.CreateAccountAsync(Opd, "x", "2000003");
        OpdAdminToken = (await Scenario.CreateUserAsync("Sari", "opdAdmin", Opd)).Token;

        // The first page a new broker renders pays for starting Razor Pages; pay it here, not inside a browser's timeout.
        using var warmUp = await Scenario.Api.GetAsync("/tinjau");
        Assert.True(warmUp.IsSuccessStatusCode, $"GET /tinjau answered {(int)warmUp.StatusCode}");
    }

    public Task DisposeAsync() => Scenario.DisposeAsync().AsTask();

    /// <summary>A new browser context that has not signed in, on a phone-sized or desktop screen.</summary>
    public async Task<Visitor> VisitAsync(IBrowser browser, bool phone = false, bool bypassCsp = false)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            // Only for a checker that runs its own script in the page (axe); the pages themselves run none.
            BypassCSP = bypassCsp,
            BaseURL = Scenario.Broker.BaseUrl.ToString(),
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            IsMobile = phone,
            AcceptDownloads = true,
            Locale = "id-ID",
            TimezoneId = "Asia/Makassar",
        });
        context.SetDefaultTimeout(30_000);
        return new Visitor(context, await context.NewPageAsync());
    }

    /// <summary>Signs in on the sign-in page by pasting the token, as a person does; the browser lands on the role's start page.</summary>
    public async Task<Visitor> SignInAsync(IBrowser browser, string token, bool phone = false, bool bypassCsp = false)
    {
        var visitor = await VisitAsync(browser, phone, bypassCsp);
        await visitor.Page.GotoAsync("/masuk");
        await visitor.Page.FillAsync("#token", token);
        await visitor.Page.ClickAsync("main button[type=submit]");
        try
        {
            // The start page's document parsed, not its "load" event: once (CI, a phone-sized context) the share page was
            // drawn whole and its URL changed, yet "load" had not fired 30 s later; the pages load nothing else, and the
            // tests' own checks wait for what they read.
            await visitor.Page.WaitForURLAsync(url => !url.Contains("/masuk", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        }
        catch (TimeoutException)
        {
            await Screenshots.TakeAsync(visitor.Page, "failed-sign-in");
            var state = await visitor.Page.EvaluateAsync<string>("document.readyState");
            throw new InvalidOperationException($"Signing in did not leave the sign-in page: {visitor.Page.Url} (document {state}) shows '{await visitor.Page.InnerTextAsync("main")}'.");
        }

        return visitor;
    }
}
