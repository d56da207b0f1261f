namespace Broker.Rendering;

public sealed record RenderResult(string? Text, string? Error)
{
    public static RenderResult Ok(string text) => new(text, null);

    public static RenderResult Fail(string error) => new(null, error);
}
