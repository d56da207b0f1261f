namespace Broker.Adapters;

/// <summary>
/// One way a post breaks a platform's rules. <see cref="Text"/> is the English sentence the API shows; a plugin that
/// also names a <see cref="Code"/> (one of <see cref="PostProblemCodes"/>) and its <see cref="Arguments"/> lets the
/// broker word the problem in the reader's language. Without a code the broker shows <see cref="Text"/> as it is.
/// </summary>
/// <param name="Text">The problem in English, as a sentence a person can act on.</param>
public sealed record PostProblem(string Text)
{
    /// <summary>The problem's stable code (<see cref="PostProblemCodes"/>), or <c>null</c> when the plugin names none.</summary>
    public string? Code { get; init; }

    /// <summary>The values the code's wording needs, by name (e.g. <c>length</c> and <c>max</c> for <see cref="PostProblemCodes.TextTooLong"/>).</summary>
    public IReadOnlyDictionary<string, object> Arguments { get; init; } = new Dictionary<string, object>();

    /// <summary>A problem with its code and arguments beside the English <paramref name="text"/>.</summary>
    public static PostProblem Coded(string code, string text, params (string Name, object Value)[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return new PostProblem(text) { Code = code, Arguments = arguments.ToDictionary(a => a.Name, a => a.Value, StringComparer.Ordinal) };
    }
}
