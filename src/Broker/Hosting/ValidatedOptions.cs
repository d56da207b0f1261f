using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Broker.Hosting;

/// <summary>The one way an options class is registered: bound from its section, checked at start by its one validator.</summary>
internal static class ValidatedOptions
{
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        return services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
    }

    /// <summary>
    /// The options bound now, for a registration that must decide before the container exists (which plugins to load,
    /// where the key ring is), or null when <typeparamref name="TValidator"/> refuses them: the start then fails with
    /// every problem at once, this one among them, instead of at the first.
    /// </summary>
    public static TOptions? BindNow<TOptions, TValidator>(this IConfiguration configuration, string section, TValidator validator)
        where TOptions : class, new()
        where TValidator : IValidateOptions<TOptions>
    {
        var options = configuration.GetSection(section).Get<TOptions>() ?? new TOptions();
        return validator.Validate(Options.DefaultName, options).Failed ? null : options;
    }
}
