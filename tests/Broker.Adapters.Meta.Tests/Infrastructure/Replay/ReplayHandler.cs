using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;

namespace Broker.Testing.Replay;

/// <summary>
/// Plays the platform: answers each request with the documented response routed to its method and path (the first
/// route whose pattern matches; a route given several answers plays them in turn and then repeats the last), and
/// keeps every request for the test to look at. A request nobody routed is answered 599, which no adapter reads as
/// success, so a call the test did not expect shows.
/// </summary>
internal sealed class ReplayHandler : HttpMessageHandler
{
    private readonly List<Route> routes = [];

    public ConcurrentQueue<(HttpMethod Method, Uri Url, string Body)> Requests { get; } = new();

    /// <summary>Answers <paramref name="method"/> requests whose path matches <paramref name="pathPattern"/> with the named files, in turn.</summary>
    public ReplayHandler On(HttpMethod method, string pathPattern, params string[] documented)
    {
        routes.Add(new Route(method, new Regex(pathPattern, RegexOptions.CultureInvariant), new Queue<DocumentedResponse>(documented.Select(DocumentedResponse.Load))));
        return this;
    }

    /// <summary>The requests made to paths matching <paramref name="pathPattern"/>.</summary>
    public IReadOnlyList<(HttpMethod Method, Uri Url, string Body)> RequestsTo(string pathPattern) =>
        [.. Requests.Where(r => Regex.IsMatch(r.Url.AbsolutePath, pathPattern, RegexOptions.CultureInvariant))];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Enqueue((request.Method, request.RequestUri!, body));
        lock (routes)
        {
            var route = routes.FirstOrDefault(r => r.Method == request.Method && r.Path.IsMatch(request.RequestUri!.AbsolutePath));
            if (route is null)
            {
                return new HttpResponseMessage((HttpStatusCode)599) { RequestMessage = request, Content = new StringContent($"No documented answer for {request.Method} {request.RequestUri}") };
            }

            var answer = route.Answers.Count > 1 ? route.Answers.Dequeue() : route.Answers.Peek();
            return answer.ToMessage(request);
        }
    }

    private sealed record Route(HttpMethod Method, Regex Path, Queue<DocumentedResponse> Answers);
}
