namespace Broker.IntegrationTests.Infrastructure;

/// <summary>Starts many requests at the same moment and collects their status codes.</summary>
public static class Race
{
    public static async Task<int[]> RunAsync(int count, Func<int, Task<HttpResponseMessage>> send)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = Enumerable.Range(0, count).Select(async i =>
        {
            await start.Task;
            using var response = await send(i);
            return (int)response.StatusCode;
        }).ToList();
        start.SetResult();
        return await Task.WhenAll(racers);
    }

    /// <summary>Asserts one 2xx answer and a 409 for every other one.</summary>
    public static void AssertOneWinner(int[] statuses)
    {
        var summary = string.Join(", ", statuses.GroupBy(s => s).Select(g => $"{g.Count()}×{g.Key}"));
        Assert.True(statuses.Count(s => s is >= 200 and < 300) == 1, $"expected one winner, got {summary}");
        Assert.True(statuses.Count(s => s == 409) == statuses.Length - 1, $"expected 409 for every loser, got {summary}");
    }
}
