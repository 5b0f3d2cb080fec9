using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Live.Tools.IntegrationTests;

internal static class ToolTestHelpers
{
    private static readonly JsonSerializerOptions s_show = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static FunctionCall Call(string name, string? argsJson, string id = "call-1")
    {
        var call = new FunctionCall { Id = id, Name = name };
        if (argsJson is not null)
        {
            using JsonDocument document = JsonDocument.Parse(argsJson);
            call.Args = document.RootElement.Clone();
        }

        return call;
    }

    public static async Task<FunctionResponse> InvokeAsync(ILiveToolSet set, string name, string? argsJson, CancellationToken cancellationToken = default)
    {
        FunctionResponse response = await set.InvokeAsync(Call(name, argsJson), cancellationToken);
        Assert.Equal("call-1", response.Id);
        Assert.Equal(name, response.Name);
        return response;
    }

    /// <summary>Calls the tool and checks the response object the model would see, as JSON (member order ignored).</summary>
    public static async Task<FunctionResponse> AssertResponseAsync(ILiveToolSet set, string name, string? argsJson, string expectedResponseJson)
    {
        FunctionResponse response = await InvokeAsync(set, name, argsJson);
        AssertJson(expectedResponseJson, response.Response);
        return response;
    }

    private static readonly string[] s_errorMembers = ["error", "status", "retryable", "reason_code", "valid_options", "retry_hint"];

    /// <summary>Calls the tool and checks the exact error message.</summary>
    public static async Task<FunctionResponse> AssertErrorAsync(ILiveToolSet set, string name, string? argsJson, string expectedError)
    {
        FunctionResponse response = await InvokeAsync(set, name, argsJson);
        Assert.True(response.IsError, "expected an error response, got " + Show(response.Response));

        // The message under "error", next to the informative fields (status, retryable, …) and nothing else.
        Assert.All(response.Response!, member => Assert.Contains(member.Key, s_errorMembers));
        Assert.NotNull(response.Response!["status"]);
        Assert.NotNull(response.Response!["retryable"]);
        Assert.Equal(expectedError, response.Response!["error"]!.GetValue<string>());
        return response;
    }

    public static void AssertJson(string expected, JsonNode? actual)
    {
        JsonNode? expectedNode = JsonNode.Parse(expected);
        Assert.True(JsonNode.DeepEquals(expectedNode, actual), "expected " + Show(expectedNode) + "\nactual   " + Show(actual));
    }

    public static string Show(JsonNode? node) => node is null ? "null" : node.ToJsonString(s_show);
}
