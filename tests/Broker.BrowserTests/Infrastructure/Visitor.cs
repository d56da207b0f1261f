using Microsoft.Playwright;

namespace Broker.BrowserTests.Infrastructure;

/// <summary>A person at the broker's pages: their own browser context (cookies) and tab.</summary>
public sealed class Visitor(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IBrowserContext Context { get; } = context;

    public IPage Page { get; } = page;

    public ValueTask DisposeAsync() => new(Context.CloseAsync());
}
