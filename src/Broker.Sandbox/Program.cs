namespace Broker.Sandbox;

public static class Program
{
    public static async Task Main(string[] args)
    {
        var url = "http://127.0.0.1:5180";
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] is "--urls" or "--url")
            {
                url = args[i + 1].Split(';')[0];
            }
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Url = url }, stop.Token);
        Console.WriteLine($"Broker sandbox listening on {sandbox.Address}");
        Console.WriteLine($"  Facebook/Instagram (graph.facebook.com): {sandbox.GraphBaseUrl}");
        Console.WriteLine($"  Instagram (graph.instagram.com):         {sandbox.InstagramBaseUrl}");
        Console.WriteLine($"  X (api.x.com):                           {sandbox.XBaseUrl}");
        Console.WriteLine($"  Login dialogs (www.facebook.com, www.instagram.com, x.com/i): {sandbox.FacebookWebUrl}, {sandbox.InstagramWebUrl}, {sandbox.XWebUrl}");
        Console.WriteLine($"  Control API:                             {sandbox.Address}/_sandbox");
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: fall through to dispose.
        }
    }
}
