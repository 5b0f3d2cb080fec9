using System.Collections.Immutable;
using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Live.Tools.IntegrationTests;

/// <summary>An enum with a custom JSON name.</summary>
public enum Priority
{
    Low,
    VeryHigh,
    [JsonStringEnumMemberName("URGENT!")]
    Urgent,
}

/// <summary>One tool per scalar row of the mapping table; each echoes its argument back.</summary>
public partial class ScalarTools
{
    [LiveTool, Description("Echoes a string.")] public static string EchoString([Description("The value.")] string value) => value;
    [LiveTool] public static char EchoChar(char value) => value;
    [LiveTool] public static bool EchoBool(bool value) => value;
    [LiveTool] public static byte EchoByte(byte value) => value;
    [LiveTool] public static sbyte EchoSByte(sbyte value) => value;
    [LiveTool] public static short EchoShort(short value) => value;
    [LiveTool] public static ushort EchoUShort(ushort value) => value;
    [LiveTool] public static int EchoInt(int value) => value;
    [LiveTool] public static uint EchoUInt(uint value) => value;
    [LiveTool] public static long EchoLong(long value) => value;
    [LiveTool] public static ulong EchoULong(ulong value) => value;
    [LiveTool] public static nint EchoNInt(nint value) => value;
    [LiveTool] public static nuint EchoNUInt(nuint value) => value;
    [LiveTool] public static float EchoFloat(float value) => value;
    [LiveTool] public static double EchoDouble(double value) => value;
    [LiveTool] public static decimal EchoDecimal(decimal value) => value;
    [LiveTool] public static Priority EchoEnum(Priority value) => value;
    [LiveTool] public static DateTime EchoDateTime(DateTime value) => value;
    [LiveTool] public static DateTimeOffset EchoDateTimeOffset(DateTimeOffset value) => value;
    [LiveTool] public static DateOnly EchoDateOnly(DateOnly value) => value;
    [LiveTool] public static TimeOnly EchoTimeOnly(TimeOnly value) => value;
    [LiveTool] public static TimeSpan EchoTimeSpan(TimeSpan value) => value;
    [LiveTool] public static Guid EchoGuid(Guid value) => value;
    [LiveTool] public static Uri EchoUri(Uri value) => value;
    [LiveTool] public static JsonElement EchoAny(JsonElement value) => value;
}

/// <summary>One tool per collection row of the mapping table.</summary>
public partial class CollectionTools
{
    [LiveTool] public static int[] EchoArray(int[] values) => values;
    [LiveTool] public static List<string> EchoList(List<string> values) => values;
    [LiveTool] public static IList<int> EchoIList(IList<int> values) => values;
    [LiveTool] public static IReadOnlyList<int> EchoIReadOnlyList(IReadOnlyList<int> values) => values;
    [LiveTool] public static IEnumerable<int> EchoIEnumerable(IEnumerable<int> values) => values;
    [LiveTool] public static ICollection<int> EchoICollection(ICollection<int> values) => values;
    [LiveTool] public static IReadOnlyCollection<int> EchoIReadOnlyCollection(IReadOnlyCollection<int> values) => values;
    [LiveTool] public static HashSet<string> EchoHashSet(HashSet<string> values) => values;
    [LiveTool] public static ImmutableArray<int> EchoImmutableArray(ImmutableArray<int> values) => values;
    [LiveTool] public static List<int[]> EchoNested(List<int[]> values) => values;
    [LiveTool] public static string?[] EchoNullableItems(string?[] values) => values;
    [LiveTool] public static Dictionary<string, int> EchoDictionary(Dictionary<string, int> values) => values;
    [LiveTool] public static IDictionary<string, double> EchoIDictionary(IDictionary<string, double> values) => values;
    [LiveTool] public static IReadOnlyDictionary<string, Priority> EchoIReadOnlyDictionary(IReadOnlyDictionary<string, Priority> values) => values;
}
