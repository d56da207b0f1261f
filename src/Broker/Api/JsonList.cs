using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Broker.Api;

/// <summary>
/// A 200 whose JSON body (a list, or another answer of many rows) is serialised whole into the response's buffers before
/// any of it is sent, instead of streamed as <see cref="Microsoft.AspNetCore.Http.HttpResults.Ok{TValue}"/> streams it.
/// The rows it was made from are garbage as soon as they are written, not held for as long as the client takes to read
/// the answer. Streamed, a page of items (50 items, 140 deliveries, 280 KB of JSON) kept its rows alive through several
/// of the collector's youngest collections under load: they were promoted and collected in the oldest generation, five
/// full collections a second at 20 users, with the threads paused a fifth of the time. The buffers are Kestrel's pooled
/// blocks, so the answers it is for are pages (at most <see cref="PageRequest.MaxLimit"/> rows) and lists bounded by
/// what they list (the users, an ASN's share list, recent notifications); a report, which can be megabytes, is streamed.
/// </summary>
public sealed class JsonList<T> : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>, IEndpointMetadataProvider
    where T : class
{
    private T? value;

    internal JsonList(T value) => this.value = value;

    public int? StatusCode => StatusCodes.Status200OK;

    /// <summary>The rows to write; null once written.</summary>
    public T? Value => value;

    object? IValueHttpResult.Value => value;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        Write(httpContext);
        await httpContext.Response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }

    // Not in the async method: a local there would be kept in its state, and with it the rows, until the flush ends.
    private void Write(HttpContext httpContext)
    {
        var rows = value ?? throw new InvalidOperationException("This answer was written already.");
        value = null;
        var options = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        using var writer = new Utf8JsonWriter(response.BodyWriter, new JsonWriterOptions { Encoder = options.Encoder, Indented = options.WriteIndented });
        JsonSerializer.Serialize(writer, rows, options);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
    }
}
