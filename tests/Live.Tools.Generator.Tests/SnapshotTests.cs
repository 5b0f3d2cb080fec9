using static Live.Tools.Generator.Tests.GeneratorTestRunner;

namespace Live.Tools.Generator.Tests;

public class SnapshotTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using System.ComponentModel;
        using System.ComponentModel.DataAnnotations;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using System.Threading;
        using System.Threading.Tasks;
        using Live.Tools;

        """;

    [Fact]
    public Task WeatherTools() => VerifyAsync(Usings + """
        namespace MyApp;

        public enum TemperatureUnit { Celsius, Fahrenheit }

        public sealed record WeatherReport(string Location, double Temperature, TemperatureUnit Unit);

        public partial class WeatherTools
        {
            /// <summary>Gets the current weather for a city.</summary>
            /// <param name="location">City and country, e.g. "Tokyo, JP".</param>
            /// <param name="unit">Unit for temperatures.</param>
            [LiveTool]
            public async Task<WeatherReport> GetWeatherAsync(string location, TemperatureUnit unit = TemperatureUnit.Celsius, CancellationToken cancellationToken = default)
            {
                await Task.Yield();
                return new WeatherReport(location, 21.5, unit);
            }
        }
        """, nameof(SnapshotTests));

    private const string DependencyInjectionStubs = """
        namespace Microsoft.Extensions.DependencyInjection
        {
            public interface IKeyedServiceProvider : IServiceProvider
            {
                object? GetKeyedService(Type serviceType, object? serviceKey);
            }

            [AttributeUsage(AttributeTargets.Parameter)]
            public sealed class FromKeyedServicesAttribute : Attribute
            {
                public FromKeyedServicesAttribute(object? key) { }
            }

            [AttributeUsage(AttributeTargets.Constructor)]
            public sealed class ActivatorUtilitiesConstructorAttribute : Attribute { }
        }

        """;

    [Fact]
    public Task ServiceParameters() => VerifyAsync(Usings + DependencyInjectionStubs + """
        namespace MyApp
        {
            using Microsoft.Extensions.DependencyInjection;

            public interface IOrderStore { int Count(string customer); }

            public sealed class AuditLog { }

            public partial class OrderTools
            {
                private readonly AuditLog? _log;

                public OrderTools() { }

                [ActivatorUtilitiesConstructor]
                public OrderTools(IOrderStore store, [FromKeyedServices("audit")] AuditLog? log, IServiceProvider services)
                {
                    _log = log;
                }

                /// <summary>Counts a customer's orders.</summary>
                /// <param name="customer">The customer id.</param>
                /// <param name="store">From the call's services.</param>
                [LiveTool]
                public int CountOrders(string customer, [FromServices] IOrderStore store, [FromKeyedServices("archive")] IOrderStore archive, [FromKeyedServices(2)] AuditLog? second, IServiceProvider services, CancellationToken cancellationToken)
                    => store.Count(customer) + archive.Count(customer);

                /// <summary>Whether an audit log is registered.</summary>
                [LiveTool]
                public bool HasLog([FromServices] AuditLog? log, IServiceProvider? services) => log is not null && _log is not null;
            }
        }
        """, nameof(SnapshotTests));

    [Fact]
    public Task AssemblyRegistration() => VerifyAsync(Usings + """
        namespace Live.DependencyInjection
        {
            public enum LiveToolLifetime { PerSession, PerCall }

            public sealed class LiveClientBuilder
            {
                public LiveClientBuilder AddLiveTools<T>(LiveToolLifetime lifetime = LiveToolLifetime.PerSession)
                    where T : class, ILiveToolSet, ILiveToolFactory<T> => this;

                public LiveClientBuilder AddLiveToolSet(ILiveToolSet toolSet) => this;
            }
        }

        namespace MyApp
        {
            /// <summary>Per-session tools.</summary>
            public partial class Basket
            {
                /// <summary>Adds an item.</summary>
                /// <param name="item">The item.</param>
                [LiveTool] public int AddItem(string item) => 1;
            }

            /// <summary>Static tools.</summary>
            internal static partial class Clock
            {
                /// <summary>The time.</summary>
                [LiveTool] public static string Now() => "12:00";
            }

            public static partial class Outer
            {
                private partial class Hidden
                {
                    /// <summary>Hidden.</summary>
                    [LiveTool] public int Secret() => 1;
                }

                internal sealed partial class Visible
                {
                    /// <summary>Visible.</summary>
                    [LiveTool] public int Shown() => 1;
                }
            }

            public partial struct ValueTools
            {
                /// <summary>A struct's tool: no factory.</summary>
                [LiveTool] public int Value() => 1;
            }
        }
        """, nameof(SnapshotTests));

    [Fact]
    public Task ObsoleteTools() => VerifyAsync(Usings + """
        namespace Legacy;

        [Obsolete("Use Unit2.")]
        public enum OldUnit { Metric, Imperial }

        public partial class LegacyTools
        {
            /// <summary>Converts a length.</summary>
            [LiveTool, Obsolete("Use Convert2.")]
            public double Convert(double value, OldUnit unit) => value;

            /// <summary>Lists the units.</summary>
            [LiveTool, Obsolete]
            public OldUnit[] Units() => [OldUnit.Metric];
        }
        """, nameof(SnapshotTests));

    [Fact]
    public Task StreamingTool() => VerifyAsync(Usings + """
        namespace MyApp;

        public sealed record FlightOffer(string Airline, double Price);

        public partial class FlightTools
        {
            /// <summary>Searches flights; each offer is reported as it is found.</summary>
            /// <param name="destination">Where to.</param>
            [LiveTool(Behavior = Live.Behavior.NonBlocking)]
            public async IAsyncEnumerable<FlightOffer> SearchFlights(string destination, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
            {
                await Task.Yield();
                yield return new FlightOffer("A", 120);
                yield return new FlightOffer("B", 99);
            }
        }
        """, nameof(SnapshotTests));

    [Fact]
    public Task ApprovalGatedTool() => VerifyAsync(Usings + """
        namespace MyApp;

        public partial class BankTools
        {
            /// <summary>Sends money to a payee.</summary>
            /// <param name="payee">Who gets it.</param>
            /// <param name="amount">How much, in euros.</param>
            [LiveTool(RequiresApproval = true)]
            public Task<string> SendMoney(string payee, [System.ComponentModel.DataAnnotations.Range(1, 500)] int amount) => Task.FromResult("sent");

            /// <summary>Looks a payee up.</summary>
            /// <param name="name">The payee's name.</param>
            [LiveTool(DuplicateCalls = LiveToolDuplicateCalls.ShareInFlight)]
            public string FindPayee(string name) => name;
        }
        """, nameof(SnapshotTests));

    [Fact]
    public Task StaticClass() => VerifyAsync(Usings + """
        namespace MyApp.Math;

        public static partial class MathTools
        {
            /// <summary>Adds two numbers.</summary>
            [LiveTool]
            public static long Add(long a, long b) => a + b;

            /// <summary>Stops the timer.</summary>
            [LiveTool("stop_timer", Behavior = Live.Behavior.NonBlocking, Scheduling = Live.FunctionResponseScheduling.Silent, TimeoutMilliseconds = 2000)]
            public static void Stop(LiveToolContext context) { }
        }
        """, nameof(SnapshotTests));

    [Fact]
    public Task NestedType() => VerifyAsync(Usings + """
        public partial class Outer
        {
            public partial record struct Inner
            {
                [LiveTool, Description("Says hello.")]
                public string Hello([Description("Who.")] string name) => "hello " + name;

                [LiveTool]
                public static bool IsEven(int value) => value % 2 == 0;
            }
        }
        """, nameof(SnapshotTests));

    [Fact]
    public Task NestedRecordsArraysAndDictionaries() => VerifyAsync(Usings + """
        namespace Shop;

        /// <summary>A line.</summary>
        public sealed class Item
        {
            /// <summary>The product.</summary>
            public required string Sku { get; init; }

            /// <summary>How many.</summary>
            public int Count { get; set; } = 1;

            [JsonPropertyName("gift")]
            public bool IsGift { get; init; }
        }

        /// <summary>A point.</summary>
        /// <param name="Lat">Latitude.</param>
        /// <param name="Lon">Longitude.</param>
        public readonly record struct Point(double Lat, double Lon);

        public sealed record Order(string Customer, List<Item> Items, Point? Destination, Dictionary<string, int> Tags, ImmutableArray<Point> Stops);

        public sealed record Receipt(string Id, IReadOnlyList<Item> Items, IReadOnlyDictionary<string, decimal> Prices, Point[][] Route);

        public partial class ShopTools
        {
            /// <summary>Places an order.</summary>
            /// <param name="order">The order.</param>
            [LiveTool]
            public Receipt PlaceOrder(Order order, HashSet<string>? coupons = null) => throw new NotImplementedException();
        }
        """, nameof(SnapshotTests));

    [Fact]
    public Task DataAnnotations() => VerifyAsync(Usings + """
        public sealed class Filter
        {
            [Range(0, 10)] public int Level { get; set; }
            [RegularExpression("^[A-Z]{2}$")] public string Country { get; set; } = "US";
        }

        public partial class AnnotatedTools
        {
            [LiveTool]
            public string Search(
                [Required, StringLength(50, MinimumLength = 2)] string query,
                [Range(1, 100)] int limit,
                [Range(0.0, 1.0, MinimumIsExclusive = true)] double threshold,
                [MinLength(1), MaxLength(5)] string[] tags,
                [Length(1, 3)] List<int> pages,
                [RegularExpression("[a-z]+")] string slug,
                Filter filter) => query;
        }
        """, nameof(SnapshotTests));

    [Fact]
    public Task NullableAndDefaults() => VerifyAsync(Usings + """
        public enum Mode { Fast, [JsonStringEnumMemberName("extra-safe")] Safe }

        public partial class OptionalTools
        {
            [LiveTool]
            public string Describe(string? name, int? age, [System.Runtime.InteropServices.Optional] int unstated, string greeting = "hello",
                double factor = 1.5, bool loud = false, Mode mode = Mode.Safe, char separator = ',', decimal price = 2.5m, long big = 10,
                Guid? id = null) => "";
        }
        """, nameof(SnapshotTests));

    [Fact]
    public Task ReturnKinds() => VerifyAsync(Usings + """
        namespace Results;

        public sealed class ContextResult { public string? Name { get; set; } }

        [JsonSerializable(typeof(ContextResult))]
        internal sealed partial class ResultContext : JsonSerializerContext
        {
            public ResultContext() : base(null) { }
            public static ResultContext Default { get; } = new();
            public override System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(Type type) => null;
            protected override JsonSerializerOptions? GeneratedSerializerOptions => null;
        }

        [LiveToolJsonContext(typeof(ResultContext))]
        public partial class ReturnTools
        {
            [LiveTool] public void DoVoid() { }
            [LiveTool] public Task DoTaskAsync() => Task.CompletedTask;
            [LiveTool] public ValueTask DoValueTaskAsync() => default;
            [LiveTool] public int GetInt() => 1;
            [LiveTool] public Task<string?> GetTaskAsync() => Task.FromResult<string?>(null);
            [LiveTool] public ValueTask<DateTimeOffset?> GetValueTaskAsync() => default;
            [LiveTool] public TimeSpan GetSpan(TimeSpan value) => value;
            [LiveTool] public JsonElement GetAny(JsonElement value) => value;
            [LiveTool] public ContextResult GetFromContext() => new();
        }
        """, nameof(SnapshotTests));
}
