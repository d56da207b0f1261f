using Broker.Sandbox.Faults;

namespace Broker.Sandbox.Pipeline;

/// <summary>One platform call on its way through the pipeline.</summary>
internal sealed class CallContext(HttpContext http, string endpoint, IReadOnlyDictionary<string, string> parameters)
{
    public HttpContext Http { get; } = http;

    /// <summary>Fault-injection name of the endpoint (feed, photos, media, tweets, ...).</summary>
    public string Endpoint { get; set; } = endpoint;

    /// <summary>Query, form and JSON parameters merged (later sources win).</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; } = parameters;

    /// <summary>Graph object id from the path (page, IG user, container...), if any.</summary>
    public string? ObjectId { get; init; }

    public Caller? Caller { get; set; }

    /// <summary>A container-shaping fault taken for this call.</summary>
    public SandboxFault? Fault { get; set; }

    public string? Parameter(string name) => Parameters.TryGetValue(name, out var value) ? value : null;

    public CancellationToken Aborted => Http.RequestAborted;
}
