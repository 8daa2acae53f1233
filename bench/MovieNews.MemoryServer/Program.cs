// The yardstick for bench/load.sh: a bare Kestrel app that answers every request with the same bytes from
// memory (a copy of the article page), with nothing else in the pipeline. No app can serve a page faster.
// Usage: dotnet MovieNews.MemoryServer.dll --page FILE --urls http://127.0.0.1:PORT
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var body = await File.ReadAllBytesAsync(builder.Configuration["page"] ?? throw new ArgumentException("Usage: --page FILE --urls URL"));
app.Run(async context =>
{
    context.Response.ContentType = "text/html; charset=utf-8";
    context.Response.ContentLength = body.Length;
    await context.Response.Body.WriteAsync(body);
});
await app.RunAsync();
