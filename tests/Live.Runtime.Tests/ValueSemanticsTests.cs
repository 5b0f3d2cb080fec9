using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Live.Runtime.Tests;

/// <summary>Getters that neither allocate per read nor change what a value means (CA1819 and the design guidelines).</summary>
public class ValueSemanticsTests
{
    [Fact]
    public void Data_of_one_inline_part_is_the_part_itself_and_is_not_copied()
    {
        byte[] audio = [1, 2, 3, 4];
        LiveServerMessage message = Message(Part.FromBytes(audio, "audio/pcm"));

        ReadOnlyMemory<byte> data = Assert.NotNull(message.Data);
        Assert.True(MemoryMarshal.TryGetArray(data, out ArraySegment<byte> segment));
        Assert.Same(audio, segment.Array);
    }

    [Fact]
    public void Data_of_several_parts_is_concatenated_once_and_every_read_returns_the_same_bytes()
    {
        LiveServerMessage message = Message(Part.FromBytes(new byte[] { 1, 2 }, "audio/pcm"), Part.FromText("hi"), Part.FromBytes(new byte[] { 3 }, "audio/pcm"));

        ReadOnlyMemory<byte> first = Assert.NotNull(message.Data);
        ReadOnlyMemory<byte> second = Assert.NotNull(message.Data);
        Assert.Equal(new byte[] { 1, 2, 3 }, first.ToArray());
        Assert.True(MemoryMarshal.TryGetArray(first, out ArraySegment<byte> a));
        Assert.True(MemoryMarshal.TryGetArray(second, out ArraySegment<byte> b));
        Assert.Same(a.Array, b.Array);
        Assert.Null(Message(Part.FromText("no audio")).Data);
    }

    [Fact]
    public void Reading_Response_of_a_UTF8_response_returns_one_object_and_changes_nothing_else()
    {
        FunctionResponse response = FunctionResponse.FromUtf8Json("id-1", "f", Encoding.UTF8.GetBytes("""{"output":42}"""));
        string before = JsonSerializer.Serialize(response);

        var first = response.Response;
        var second = response.Response;

        Assert.Same(first, second);
        Assert.Equal(42, (int)first!["output"]!);
        Assert.False(response.IsError);
        Assert.Equal(before, JsonSerializer.Serialize(response));

        // The object read is what is sent from then on.
        first["output"] = 43;
        Assert.Contains("43", JsonSerializer.Serialize(response), StringComparison.Ordinal);
    }

    private static LiveServerMessage Message(params Part[] parts) =>
        new() { ServerContent = new LiveServerContent { ModelTurn = new Content { Parts = [.. parts] } } };
}
