using System.Collections.Concurrent;
using System.Text.Json;
using Broker.Adapters.Http;

namespace Broker.Adapters.Graph;

/// <summary>
/// Reads <c>GET /{object-id}/insights?metric=…</c> the same way for every Meta platform. Meta retires metric names (the
/// "impressions" family in 2024–2025) and then answers an invalid-metric error (code 100) for the whole call, without
/// saying which name it refused: the call is then repeated one metric at a time, the refused names are skipped and
/// remembered for the life of the process, and the rest are read. A retired name is never fatal.
/// </summary>
/// <param name="table">The platform's error table, for every refusal that is not about a metric.</param>
/// <param name="defaultWait">How long to wait after throttling when the usage headers give no time.</param>
public sealed class GraphInsights(GraphErrorTable table, TimeSpan defaultWait)
{
    private readonly ConcurrentDictionary<string, bool> retired = new(StringComparer.Ordinal);

    /// <summary>The names found retired so far.</summary>
    public IReadOnlyCollection<string> Retired => [.. retired.Keys];

    /// <summary>
    /// The insights of <paramref name="objectId"/> for <paramref name="metrics"/>; <paramref name="onSkipped"/> hears of
    /// each name newly found retired (for the adapter's log).
    /// </summary>
    public async Task<ReadOutcome> ReadAsync(
        GraphApi api, string objectId, IReadOnlyList<string> metrics, DateTimeOffset now, Action<string> onSkipped, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(onSkipped);
        if (!IsObjectId(objectId))
        {
            return new ReadOutcome.Failed($"'{objectId}' is not a post id this platform gives (digits, with an underscore for a Page post).");
        }

        var asked = metrics.Where(m => !retired.ContainsKey(m)).ToList();
        var skipped = metrics.Where(retired.ContainsKey).ToList();
        if (asked.Count == 0)
        {
            return new ReadOutcome.Metrics(new PostMetrics(new Dictionary<string, long>(StringComparer.Ordinal), skipped));
        }

        var result = await CallAsync(api, objectId, asked, cancellationToken).ConfigureAwait(false);
        if (result is GraphResult.Answer answer)
        {
            return new ReadOutcome.Metrics(new PostMetrics(Values(answer.Body), skipped));
        }

        if (result is not GraphResult.Refusal { Error: var error } || !IsInvalidMetric(error))
        {
            return FailureOf(result, now);
        }

        // One name spoiled the call: ask for each alone, to learn which.
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var metric in asked)
        {
            var single = await CallAsync(api, objectId, [metric], cancellationToken).ConfigureAwait(false);
            switch (single)
            {
                case GraphResult.Answer one:
                    foreach (var (name, value) in Values(one.Body))
                    {
                        values[name] = value;
                    }

                    break;
                case GraphResult.Refusal { Error: var refused } when IsInvalidMetric(refused):
                    if (retired.TryAdd(metric, true))
                    {
                        onSkipped(metric);
                    }

                    skipped.Add(metric);
                    break;
                default:
                    return FailureOf(single, now);
            }
        }

        return new ReadOutcome.Metrics(new PostMetrics(values, skipped));
    }

    /// <summary>
    /// The read outcome of a failed Graph call: a missing permission (codes 10 and 200–299) is
    /// <see cref="ReadOutcome.NotPermitted"/>, a post that does not exist <see cref="ReadOutcome.Gone"/>, the rest as the
    /// platform's error table classifies it (throttling codes 4, 17, 32, 613 wait for the usage headers' time).
    /// </summary>
    public ReadOutcome FailureOf(GraphResult result, DateTimeOffset now) => result switch
    {
        GraphResult.Refusal { Error: var e } when e.Code == 10 || e.Code is >= 200 and <= 299 =>
            new ReadOutcome.NotPermitted($"The token lacks the permission to read insights ({e.Describe()})."),
        GraphResult.Refusal { Error: var e } when GraphRemovals.IsGone(e) => new ReadOutcome.Gone($"The post no longer exists ({e.Describe()})."),
        GraphResult.Refusal refusal => ReadOutcome.FromFailure(GraphOutcomes.FromRule(table.Find(refusal.Error), refusal.Error, refusal.Usage, now, defaultWait)),
        GraphResult.NoAnswer noAnswer => new ReadOutcome.Transient($"No answer from the platform: {noAnswer.Reason}."),
        _ => new ReadOutcome.Transient("The platform's answer was not understood."),
    };

    /// <summary>Meta's answer to a retired or unknown metric name: code 100 naming a metric ("must be a valid insights metric").</summary>
    public static bool IsInvalidMetric(GraphError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Code == 100 && error.Message.Contains("metric", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// <c>{data:[{name, values:[{value}]}]}</c> as name → value. A value that is an object (reactions by type) counts as
    /// the sum of its numbers; a metric with no values (Meta answers an empty set for unavailable data) is left out.
    /// </summary>
    public static Dictionary<string, long> Values(JsonElement body)
    {
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var metric in GraphJson.Data(body))
        {
            if (GraphJson.String(metric, "name") is not { } name)
            {
                continue;
            }

            var value = metric.TryGetProperty("values", out var list) && list.ValueKind == JsonValueKind.Array && list.GetArrayLength() > 0
                ? list[list.GetArrayLength() - 1].TryGetProperty("value", out var v) ? v : default
                : metric.TryGetProperty("total_value", out var total) && total.TryGetProperty("value", out var t) ? t : default;
            if (Number(value) is { } number)
            {
                values[name] = number;
            }
        }

        return values;
    }

    /// <summary>A JSON number, or the sum of an object's numbers; null for anything else.</summary>
    public static long? Number(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt64(out var n) => n,
        JsonValueKind.Number => (long)value.GetDouble(),
        JsonValueKind.Object => value.EnumerateObject().Select(p => Number(p.Value) ?? 0).Sum(),
        _ => null,
    };

    private static Task<GraphResult> CallAsync(GraphApi api, string objectId, IReadOnlyList<string> metrics, CancellationToken cancellationToken) =>
        api.GetAsync($"{UrlSegment.Escape(objectId)}/insights", [new("metric", string.Join(',', metrics))], cancellationToken);

    private static bool IsObjectId(string? id) =>
        id is { Length: > 0 and <= 64 } && id.All(c => char.IsAsciiDigit(c) || c == '_');
}
