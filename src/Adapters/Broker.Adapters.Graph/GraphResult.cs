using System.Text.Json;

namespace Broker.Adapters.Graph;

/// <summary>What came back from one Graph call: an answer, a refusal with the error envelope, or no answer at all.</summary>
public abstract record GraphResult
{
    private GraphResult()
    {
    }

    /// <summary>A 2xx answer with its JSON body.</summary>
    public sealed record Answer(JsonElement Body, GraphUsage Usage) : GraphResult;

    /// <summary>An error answer.</summary>
    public sealed record Refusal(GraphError Error, GraphUsage Usage) : GraphResult;

    /// <summary>No usable answer: the request failed before it left, timed out, or the connection dropped.</summary>
    /// <param name="NeverLeft">The request is known not to have reached the platform.</param>
    /// <param name="Reason">What happened, for outcome reasons and logs.</param>
    public sealed record NoAnswer(bool NeverLeft, string Reason) : GraphResult;
}
