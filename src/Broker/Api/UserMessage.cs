using System.Text.Json;
using Broker.Adapters;

namespace Broker.Api;

/// <summary>
/// A sentence a person reads: its stable <see cref="Code"/> and <see cref="Arguments"/>, which pages word in the
/// reader's language (the <c>Message_{code}</c> resources, see <c>Pages/MessageText</c>), and the English words the API
/// keeps. A message without a code is shown in English everywhere. A code, once published, keeps its meaning.
/// </summary>
public sealed record UserMessage(string? Code, string English)
{
    public IReadOnlyDictionary<string, object?> Arguments { get; init; } = new Dictionary<string, object?>();

    /// <summary>
    /// What the message is about, put before it in every language ("x (Pemkot X)"): a name, not words to translate. The
    /// <see cref="English"/> already starts with it.
    /// </summary>
    public string? Subject { get; init; }

    public static UserMessage Of(string code, string english, params (string Name, object? Value)[] arguments) =>
        new(code, english) { Arguments = arguments.ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal) };

    /// <summary>A platform's problem with a post, as its adapter coded it (or only worded it).</summary>
    public static UserMessage Of(PostProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return new(problem.Code, problem.Text) { Arguments = problem.Arguments.ToDictionary(a => a.Key, a => (object?)a.Value, StringComparer.Ordinal) };
    }

    /// <summary>The code and arguments as API clients read them (enums as the API spells them); the English is beside it.</summary>
    public Dictionary<string, object?> ForApi() => new()
    {
        ["code"] = Code,
        ["arguments"] = Arguments.ToDictionary(a => a.Key, a => a.Value is Enum value ? JsonNamingPolicy.CamelCase.ConvertName(value.ToString()) : a.Value, StringComparer.Ordinal),
    };
}
