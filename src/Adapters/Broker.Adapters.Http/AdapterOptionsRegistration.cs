using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Broker.Adapters.Http;

/// <summary>How an adapter registers its settings, the same way the host registers its own.</summary>
public static class AdapterOptionsRegistration
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> from <paramref name="section"/>, checked at start by <paramref name="validator"/>
    /// (which reports every problem at once, naming the keys), and offers the bound settings as a
    /// <typeparamref name="TOptions"/> singleton for the adapter's constructors. Nothing is read before the host starts.
    /// </summary>
    public static OptionsBuilder<TOptions> AddAdapterOptions<TOptions>(
        this IServiceCollection services,
        IConfiguration configuration,
        string section,
        IValidateOptions<TOptions> validator)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(IValidateOptions<TOptions>), validator));
        services.TryAddSingleton(provider => provider.GetRequiredService<IOptions<TOptions>>().Value);
        return services.AddOptions<TOptions>().Configure(options => configuration.GetSection(section).Bind(options)).ValidateOnStart();
    }

    /// <summary>Fails with every problem in <paramref name="problems"/>, or succeeds when there is none.</summary>
    public static ValidateOptionsResult ResultOf(IEnumerable<string> problems)
    {
        var list = problems.ToList();
        return list.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(list);
    }
}
