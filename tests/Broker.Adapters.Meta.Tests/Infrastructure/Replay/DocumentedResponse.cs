using System.Net;
using System.Text;

namespace Broker.Testing.Replay;

/// <summary>
/// An HTTP answer a platform's documentation gives as its example, kept as a file under <c>Documented/</c>: comment
/// lines (<c>#</c>, the first naming the page it comes from), the status line, headers, a blank line, the body.
/// </summary>
internal sealed record DocumentedResponse(string Name, HttpStatusCode Status, IReadOnlyList<(string Name, string Value)> Headers, string Body)
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Documented");

    /// <summary>Reads <c>Documented/{name}.http</c>.</summary>
    public static DocumentedResponse Load(string name)
    {
        var lines = File.ReadAllLines(Path.Combine(Folder, name + ".http"));
        var at = 0;
        while (lines[at].StartsWith('#'))
        {
            at++;
        }

        var status = (HttpStatusCode)int.Parse(lines[at++].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = new List<(string, string)>();
        for (; at < lines.Length && lines[at].Length > 0; at++)
        {
            var colon = lines[at].IndexOf(':', StringComparison.Ordinal);
            headers.Add((lines[at][..colon].Trim(), lines[at][(colon + 1)..].Trim()));
        }

        return new DocumentedResponse(name, status, headers, string.Join('\n', lines.Skip(at + 1)));
    }

    /// <summary>The answer as a response message (a new one each time: a message is read once).</summary>
    public HttpResponseMessage ToMessage(HttpRequestMessage request)
    {
        var contentType = Headers.FirstOrDefault(h => h.Name.Equals("content-type", StringComparison.OrdinalIgnoreCase)).Value ?? "application/json";
        var response = new HttpResponseMessage(Status)
        {
            RequestMessage = request,
            Content = new StringContent(Body, Encoding.UTF8),
        };
        response.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        foreach (var (name, value) in Headers.Where(h => !h.Name.Equals("content-type", StringComparison.OrdinalIgnoreCase)))
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }
}
