using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;

namespace Broker.Hosting;

/// <summary>
/// Collects every problem of one options class, each naming its configuration key
/// (<c>Storage:CheckpointInterval must be between …</c>), so a bad start fails once with all of them, as Quartz's
/// <c>QuartzOptionsValidators</c> do. A key is read from the argument expression (<c>options.Smtp.Port</c> is
/// <c>{section}:Smtp:Port</c>), so no key is spelled twice.
/// </summary>
internal sealed class OptionsProblems(string section)
{
    private readonly List<string> problems = [];

    public void Between(TimeSpan value, TimeSpan min, TimeSpan max, [CallerArgumentExpression(nameof(value))] string expression = "")
    {
        if (value < min || value > max)
        {
            Add(Path(expression), $"must be between {min} and {max} (it is {value}).");
        }
    }

    public void Between(long value, long min, long max, [CallerArgumentExpression(nameof(value))] string expression = "")
    {
        if (value < min || value > max)
        {
            Add(Path(expression), $"must be between {min} and {max} (it is {value}).");
        }
    }

    public void Required(string? value, [CallerArgumentExpression(nameof(value))] string expression = "")
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(Path(expression), "must be set.");
        }
    }

    /// <summary>Adds <paramref name="problem"/> about the key at <paramref name="path"/> (<c>Smtp:Port</c>) under the section.</summary>
    public void Add(string path, string problem) => problems.Add($"{Key(path)} {problem}");

    /// <summary>The full key of <paramref name="path"/>, for a problem that names a second key.</summary>
    public string Key(string path) => $"{section}:{path}";

    public ValidateOptionsResult Result() => problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);

    /// <summary><c>options.Smtp.Port</c> → <c>Smtp:Port</c>.</summary>
    private static string Path(string expression)
    {
        var dot = expression.IndexOf('.', StringComparison.Ordinal);
        return (dot < 0 ? expression : expression[(dot + 1)..]).Replace('.', ':');
    }
}
