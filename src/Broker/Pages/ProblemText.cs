using System.Globalization;
using Broker.Api;

namespace Broker.Pages;

/// <summary>A problem code's words in the page's language: the <c>ProblemCode_{code}</c> resources, one per <see cref="ProblemCodes"/> code.</summary>
public static class ProblemText
{
    public const string Prefix = "ProblemCode_";

    public static string? Of(string code) => Text.ResourceManager.GetString(Prefix + code, CultureInfo.CurrentUICulture);

    /// <summary>The words for <paramref name="code"/>, or the generic ones when the code is unknown.</summary>
    public static string Explain(string code) => Of(code) ?? Text.Problem_Other;
}
