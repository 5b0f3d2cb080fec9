namespace Live.Tools.Analyzers.Tests;

/// <summary>Valid tools produce no diagnostic at all, with every analyzer and every diagnostic on.</summary>
public class ValidCodeTests
{
    [Fact]
    public Task A_realistic_set_of_tools_has_no_diagnostics() => Verify.AnalyzerWithDescriptionsAsync("""
        namespace Shop;

        /// <summary>Temperature units.</summary>
        public enum TemperatureUnit { Celsius, Fahrenheit }

        /// <summary>A line of an order.</summary>
        /// <param name="Sku">The product's stock-keeping unit.</param>
        /// <param name="Quantity">How many.</param>
        public sealed record OrderLine(string Sku, int Quantity);

        /// <summary>An order to place.</summary>
        public sealed class OrderRequest
        {
            /// <summary>The customer's id.</summary>
            public required string CustomerId { get; init; }

            /// <summary>The lines of the order.</summary>
            public List<OrderLine> Lines { get; set; } = new();

            /// <summary>Free-form labels.</summary>
            public Dictionary<string, string>? Labels { get; set; }

            /// <summary>When to deliver.</summary>
            [JsonPropertyName("deliver_by")]
            public DateTimeOffset? DeliverBy { get; set; }
        }

        /// <summary>What was placed.</summary>
        public sealed record OrderReceipt(string OrderId, decimal Total);

        public partial class Outer
        {
            /// <summary>Tools of the shop.</summary>
            public sealed partial class ShopTools
            {
                /// <summary>Gets the current weather for a city.</summary>
                /// <param name="location">City and country, e.g. "Tokyo, JP".</param>
                /// <param name="unit">Unit for temperatures.</param>
                /// <param name="cancellationToken">Cancelled with the call.</param>
                [LiveTool]
                public Task<string> GetWeatherAsync(string location, TemperatureUnit unit = TemperatureUnit.Celsius, CancellationToken cancellationToken = default)
                    => Task.FromResult(location);

                /// <summary>Places an order.</summary>
                /// <param name="request">The order.</param>
                /// <param name="context">The call being served.</param>
                [LiveTool("place_order", Behavior = Behavior.NonBlocking, Scheduling = FunctionResponseScheduling.WhenIdle, TimeoutMilliseconds = 5000)]
                public ValueTask<OrderReceipt> PlaceAsync(OrderRequest request, LiveToolContext context)
                    => new(new OrderReceipt("1", 0m));

                [LiveTool, Description("Finds products by name.")]
                public IReadOnlyList<string> Search(
                    [Description("Words to look for.")] string query,
                    [Description("At most this many results."), System.ComponentModel.DataAnnotations.Range(1, 50)] int limit = 10,
                    [Description("Only these categories.")] HashSet<string>? categories = null)
                    => Array.Empty<string>();

                /// <summary>Stops the current activity.</summary>
                [LiveTool]
                public void Stop() { }

                /// <summary>Not a tool: no attribute, no diagnostics.</summary>
                /// <param name="handle">Anything.</param>
                public object Helper(ref object handle) => handle;
            }
        }

        /// <summary>Math tools.</summary>
        public static partial class MathTools
        {
            /// <summary>Adds two numbers.</summary>
            /// <param name="a">The first number.</param>
            /// <param name="b">The second number.</param>
            [LiveTool]
            public static long Add(long a, long b) => a + b;

            /// <summary>Rounds a number.</summary>
            /// <param name="value">The number.</param>
            /// <param name="digits">Digits after the point.</param>
            [LiveTool("math.round:v2")]
            public static Task<double> RoundAsync(double value, int? digits) => Task.FromResult(Math.Round(value, digits ?? 0));
        }
        """);

    [Fact]
    public Task Tools_of_every_shape_have_no_diagnostics() => Verify.AnalyzerAsync("""
        public enum Unit { Celsius, Fahrenheit }
        public sealed record Point(double Lat, double Lon);
        public partial class Outer
        {
            public partial class Tools
            {
                /// <summary>Gets the weather.</summary>
                [LiveTool] public Task<string> GetWeatherAsync(string city, Unit unit = Unit.Celsius, CancellationToken cancellationToken = default) => Task.FromResult(city);
                [LiveTool] public static void Stop(LiveToolContext context) { }
                [LiveTool("custom.name:v2")] public Point Move(Point from, List<Point> path, Dictionary<string, int>? tags = null) => from;
            }
        }
        public static partial class Static
        {
            [LiveTool] public static int Add(int a, int b) => a + b;
        }
        """);
}
