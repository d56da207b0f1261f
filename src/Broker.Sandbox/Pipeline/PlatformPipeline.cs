using Broker.Sandbox.Faults;
using Broker.Sandbox.State;

namespace Broker.Sandbox.Pipeline;

/// <summary>Latency, fault injection, authentication and limits shared by every platform endpoint.</summary>
internal sealed partial class PlatformPipeline(SandboxState state, ILogger<PlatformPipeline> logger)
{
    public async Task RunAsync(IPlatformDialect dialect, CallContext call, Func<CallContext, Task<SandboxAnswer>> operation)
    {
        var http = call.Http;
        http.Items[RecordingKeys.Platform] = dialect.Platform;
        http.Items[RecordingKeys.Endpoint] = call.Endpoint;

        if (state.LatencyMilliseconds > 0)
        {
            await Task.Delay(state.LatencyMilliseconds, call.Aborted);
        }

        var fault = state.TakeFault(dialect.Platform, call.Endpoint, dialect.AccountOf(call));
        if (fault is not null)
        {
            http.Items[RecordingKeys.Fault] = fault.Kind;
            LogFault(dialect.Platform, call.Endpoint, fault.Kind);
        }

        if (fault is not null && fault.Is(FaultKinds.Drop))
        {
            Drop(http);
            return;
        }

        if (fault is not null && !FaultKinds.AfterStore(fault.Kind) && !FaultKinds.ShapesPost(fault.Kind))
        {
            await WriteAsync(dialect, call, dialect.FaultAnswer(fault, call));
            return;
        }

        call.Fault = fault;
        var refusal = dialect.Authenticate(call);
        if (call.Caller is not null)
        {
            http.Items[RecordingKeys.Auth] = call.Caller.Auth;
        }

        var answer = refusal ?? dialect.CheckLimits(call) ?? await operation(call);
        if (fault is not null && FaultKinds.AfterStore(fault.Kind) && !answer.IsError)
        {
            if (fault.Is(FaultKinds.DropAfterStore))
            {
                Drop(http);
                return;
            }

            try
            {
                await Task.Delay(Math.Max(0, fault.DelayMs), call.Aborted);
            }
            catch (OperationCanceledException)
            {
                // The client gave up, as the fault intends; the post stays stored.
                return;
            }
        }

        await WriteAsync(dialect, call, answer);
    }

    private static void Drop(HttpContext http)
    {
        http.Items[RecordingKeys.Dropped] = true;
        http.Abort();
    }

    private static async Task WriteAsync(IPlatformDialect dialect, CallContext call, SandboxAnswer answer)
    {
        dialect.Decorate(call, answer);
        var response = call.Http.Response;
        response.StatusCode = answer.Status;
        foreach (var (name, value) in answer.Headers)
        {
            response.Headers[name] = value;
        }

        var text = answer.Text ?? answer.Body?.ToJsonString();
        if (text is null)
        {
            return;
        }

        response.ContentType = answer.ContentType;
        await response.WriteAsync(text, call.Aborted);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Injecting fault {Kind} into {Platform} {Endpoint}")]
    private partial void LogFault(string platform, string endpoint, string kind);
}
