// docs/tokens.md: the Gemini API's token service, played by a one-request HTTP endpoint on 127.0.0.1 (the embedded
// emulator serves Live sessions only). It checks what the official service checks first (the method, the path, the
// key header, a JSON body with the constraints) and answers with a token name; GOOGLE_GEMINI_BASE_URL points at it.
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

internal static class TokenService
{
    [ModuleInitializer]
    internal static void Start()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        Environment.SetEnvironmentVariable("GOOGLE_GEMINI_BASE_URL", $"http://127.0.0.1:{port}/");
        _ = Task.Run(async () =>
        {
            try
            {
                Task<HttpListenerContext> next = listener.GetContextAsync();
                if (await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(30))) != next)
                {
                    return;
                }

                HttpListenerContext context = await next;
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                using JsonDocument body = JsonDocument.Parse(await reader.ReadToEndAsync());
                bool valid = context.Request.HttpMethod == "POST"
                    && context.Request.Url!.AbsolutePath == "/v1alpha/auth_tokens"
                    && context.Request.Headers["x-goog-api-key"] == "YOUR_API_KEY"
                    && body.RootElement.GetProperty("uses").GetInt32() == 1
                    && body.RootElement.GetProperty("bidiGenerateContentSetup").GetRawText().Contains("gemini-live-2.5-flash-preview", StringComparison.Ordinal);
                context.Response.StatusCode = valid ? 200 : 400;
                context.Response.ContentType = "application/json";
                byte[] answer = Encoding.UTF8.GetBytes(valid ? """{"name":"auth_tokens/docs-test-token"}""" : """{"error":{"code":400,"message":"unexpected token request"}}""");
                await context.Response.OutputStream.WriteAsync(answer);
                context.Response.Close();
            }
            finally
            {
                listener.Close();
            }
        });
    }
}
