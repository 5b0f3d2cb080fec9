using System.Buffers;
using System.Buffers.Text;

namespace Live.Serialization;

/// <summary>
/// Base64 as the Live API carries it: decoding accepts the standard and the URL-safe alphabet, with or
/// without <c>=</c> padding; encoding (done by <see cref="System.Text.Json.Utf8JsonWriter.WriteBase64StringValue"/>)
/// is always standard and padded.
/// </summary>
internal static class Base64Wire
{
    /// <summary>Decodes base64 given as UTF-8 bytes.</summary>
    /// <param name="utf8">The base64 text.</param>
    /// <param name="bytes">The decoded bytes.</param>
    /// <returns>False when the text is not base64 in either alphabet.</returns>
    public static bool TryDecode(ReadOnlySpan<byte> utf8, out byte[] bytes)
    {
        if (utf8.IsEmpty)
        {
            bytes = [];
            return true;
        }

        // Fast path: standard alphabet with padding, as the service sends it.
        // The array is allocated at its exact decoded size (one allocation per part, no trimming copy).
        if (utf8.Length % 4 == 0)
        {
            int padding = utf8[^1] == (byte)'=' ? (utf8[^2] == (byte)'=' ? 2 : 1) : 0;
            byte[] direct = new byte[(utf8.Length / 4 * 3) - padding];
            if (Base64.DecodeFromUtf8(utf8, direct, out int consumed, out int written) == OperationStatus.Done && consumed == utf8.Length)
            {
                bytes = written == direct.Length ? direct : direct.AsSpan(0, written).ToArray();
                return true;
            }
        }

        // Slow path: map the URL-safe alphabet to the standard one and restore the padding.
        int unpadded = utf8.Length;
        while (unpadded > 0 && utf8[unpadded - 1] == (byte)'=')
        {
            unpadded--;
        }

        if (unpadded % 4 == 1 || utf8.Length - unpadded > 2)
        {
            bytes = [];
            return false;
        }

        int paddedLength = (unpadded + 3) / 4 * 4;
        byte[] rented = ArrayPool<byte>.Shared.Rent(paddedLength);
        try
        {
            Span<byte> text = rented.AsSpan(0, paddedLength);
            for (int i = 0; i < unpadded; i++)
            {
                byte b = utf8[i];
                text[i] = b switch
                {
                    (byte)'-' => (byte)'+',
                    (byte)'_' => (byte)'/',
                    _ => b,
                };
            }

            text.Slice(unpadded).Fill((byte)'=');
            byte[] decoded = new byte[Base64.GetMaxDecodedFromUtf8Length(paddedLength)];
            if (Base64.DecodeFromUtf8(text, decoded, out int consumed, out int written) != OperationStatus.Done || consumed != paddedLength)
            {
                bytes = [];
                return false;
            }

            bytes = written == decoded.Length ? decoded : decoded.AsSpan(0, written).ToArray();
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
