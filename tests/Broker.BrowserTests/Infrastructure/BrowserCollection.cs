namespace Broker.BrowserTests.Infrastructure;

/// <summary>Every browser test class shares one Chromium (and so runs one after another).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<Chromium>
{
    public const string Name = "browser";
}
