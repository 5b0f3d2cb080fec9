using System.Globalization;

namespace Live.Serialization;

/// <summary>Reads and writes protobuf Durations as proto3 JSON writes them: seconds with an <c>s</c> suffix, such as <c>"50s"</c> or <c>"1.5s"</c>.</summary>
internal static class ProtoDuration
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrEmpty(text) || text![text.Length - 1] != 's')
        {
            return false;
        }

        if (!decimal.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal seconds))
        {
            return false;
        }

        decimal ticks = seconds * TimeSpan.TicksPerSecond;
        if (ticks > long.MaxValue || ticks < long.MinValue)
        {
            return false;
        }

        value = TimeSpan.FromTicks((long)ticks);
        return true;
    }

    public static string Format(TimeSpan value)
    {
        decimal seconds = (decimal)value.Ticks / TimeSpan.TicksPerSecond;
        return seconds.ToString("0.#########", CultureInfo.InvariantCulture) + "s";
    }
}
