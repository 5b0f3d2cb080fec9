using System.Text.Json;
using Live.DependencyInjection;
using Live.Extensions.AI;
using Live.Tools;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Live.Extensions.Tests;

/// <summary>[FromServices]/[FromKeyedServices] parameters, generated construction and the assembly's generated registration.</summary>
public class ServiceBindingTests
{
    private static FunctionCall Call(string id, string name, string args) =>
        new() { Id = id, Name = name, Args = JsonDocument.Parse(args).RootElement };

    private static ServiceCollection Services(bool greeters = true)
    {
        var services = new ServiceCollection();
        services.AddSingleton<Tracker>();
        services.AddScoped<CallState>();
        if (greeters)
        {
            services.AddSingleton<IGreeter, PoliteGreeter>();
            services.AddKeyedSingleton<IGreeter, LoudGreeter>("loud");
        }

        return services;
    }

    [Fact]
    public void Service_parameters_are_left_out_of_the_schema()
    {
        FunctionDeclaration greet = ServiceTools.LiveFunctionDeclarations.Single(d => d.Name == "greet");
        Assert.Equal(["name"], greet.Parameters!.Properties!.Keys);
        Assert.Equal(["name"], greet.Parameters.Required!);

        FunctionDeclaration hasProvider = ServiceTools.LiveFunctionDeclarations.Single(d => d.Name == "has_provider");
        Assert.Null(hasProvider.Parameters);
    }

    [Fact]
    public async Task A_per_call_type_gets_its_services_keyed_services_and_scoped_services_from_the_call_scope_disposed_after_the_call()
    {
        ServiceCollection services = Services();
        services.AddLiveClient(o => o.ApiKey = "k").AddLiveTools<ServiceTools>(LiveToolLifetime.PerCall);
        await using ServiceProvider provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await using LiveSessionToolSet tools = await provider.GetRequiredService<LiveToolProvider>().CreateSessionToolSetAsync();

        FunctionResponse first = await tools.InvokeAsync(Call("1", "greet", """{"name": "Ada"}"""), CancellationToken.None);
        FunctionResponse second = await tools.InvokeAsync(Call("2", "greet", """{"name": "Ada"}"""), CancellationToken.None);
        FunctionResponse hasProvider = await tools.InvokeAsync(Call("3", "has_provider", "{}"), CancellationToken.None);

        Assert.False(first.IsError, first.Response?.ToJsonString());
        string a = first.Response!["output"]!.GetValue<string>();
        string b = second.Response!["output"]!.GetValue<string>();
        Assert.StartsWith("Hello, Ada. HELLO ADA! state-", a, StringComparison.Ordinal);
        Assert.EndsWith(" services", a, StringComparison.Ordinal);
        Assert.NotEqual(a, b);

        // Each call's scoped CallState was alive during its call and is disposed now.
        var tracker = provider.GetRequiredService<Tracker>();
        foreach (string output in new[] { a, b })
        {
            int id = int.Parse(output.Split(' ')[4]["state-".Length..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains(id, tracker.DisposedIds);
        }

        Assert.True(hasProvider.Response!["output"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_per_session_type_binds_its_service_parameters_from_the_session_scope()
    {
        ServiceCollection services = Services();
        services.AddLiveClient(o => o.ApiKey = "k").AddLiveTools<ServiceTools>();
        await using ServiceProvider provider = services.BuildServiceProvider();
        LiveSessionToolSet tools = await provider.GetRequiredService<LiveToolProvider>().CreateSessionToolSetAsync();

        FunctionResponse first = await tools.InvokeAsync(Call("1", "greet", """{"name": "Ada"}"""), CancellationToken.None);
        FunctionResponse second = await tools.InvokeAsync(Call("2", "greet", """{"name": "Ada"}"""), CancellationToken.None);
        int sessionState = tools.Services.GetRequiredService<CallState>().Id;

        Assert.Equal("Hello, Ada. HELLO ADA! state-" + sessionState + " services", first.Response!["output"]!.GetValue<string>());
        Assert.Equal(first.Response.ToJsonString(), second.Response!.ToJsonString());
        Assert.DoesNotContain(sessionState, provider.GetRequiredService<Tracker>().DisposedIds);
        await tools.DisposeAsync();
        Assert.Contains(sessionState, provider.GetRequiredService<Tracker>().DisposedIds);
    }

    [Fact]
    public async Task An_optional_service_that_is_not_registered_is_null()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IGreeter, PoliteGreeter>();
        services.AddKeyedSingleton<IGreeter, LoudGreeter>("loud");
        await using ServiceProvider provider = services.BuildServiceProvider();

        FunctionResponse response = await new ServiceTools().InvokeWithServicesAsync(Call("1", "greet", """{"name": "Bo"}"""), provider);

        Assert.Equal("Hello, Bo. HELLO BO! no-state services", response.Response!["output"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_missing_service_gives_an_error_response_naming_the_parameter_and_the_type()
    {
        var services = new ServiceCollection();
        services.AddKeyedSingleton<IGreeter, LoudGreeter>("loud");
        await using ServiceProvider provider = services.BuildServiceProvider();

        FunctionResponse response = await new ServiceTools().InvokeWithServicesAsync(Call("7", "greet", """{"name": "Bo"}"""), provider);

        Assert.True(response.IsError);
        Assert.Equal("7", response.Id);
        string error = response.Response!["error"]!.GetValue<string>();
        Assert.Contains("\"greeter\"", error, StringComparison.Ordinal);
        Assert.Contains("Live.Extensions.Tests.IGreeter", error, StringComparison.Ordinal);
        Assert.Contains("not registered", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_keyed_service_names_its_key()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IGreeter, PoliteGreeter>();
        services.AddKeyedSingleton<IGreeter, LoudGreeter>("quiet");
        await using ServiceProvider provider = services.BuildServiceProvider();

        FunctionResponse response = await new ServiceTools().InvokeWithServicesAsync(Call("8", "greet", """{"name": "Bo"}"""), provider);

        string error = response.Response!["error"]!.GetValue<string>();
        Assert.Contains("\"loud\"", error, StringComparison.Ordinal);
        Assert.Contains("(key \"loud\")", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_service_provider_a_service_parameter_gives_an_error_response_that_says_how_to_give_one()
    {
        ILiveToolSet tools = new ServiceTools();

        FunctionResponse response = await tools.InvokeAsync(Call("9", "greet", """{"name": "Bo"}"""));

        Assert.True(response.IsError);
        string error = response.Response!["error"]!.GetValue<string>();
        Assert.Contains("no service provider", error, StringComparison.Ordinal);
        Assert.Contains("AddLiveTools", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task As_an_AIFunction_a_tool_binds_its_service_parameters_from_AIFunctionArguments_Services()
    {
        await using ServiceProvider provider = BuildGreetersOnly();
        AIFunction greet = new ServiceTools().AsAIFunctions().Single(f => f.Name == "greet");

        Assert.False(greet.JsonSchema.GetProperty("properties").TryGetProperty("greeter", out _));
        object? result = await greet.InvokeAsync(new AIFunctionArguments(new Dictionary<string, object?> { ["name"] = "Cy" }) { Services = provider });

        Assert.Equal("Hello, Cy. HELLO CY! no-state services", ((JsonElement)result!).GetString());
    }

    [Fact]
    public async Task The_generated_factory_calls_the_constructor_marked_ActivatorUtilitiesConstructor_with_keyed_and_optional_services()
    {
        ServiceCollection services = Services();
        services.AddLiveClient(o => o.ApiKey = "k").AddLiveTools<ConstructedTools>(LiveToolLifetime.PerCall);
        await using ServiceProvider provider = services.BuildServiceProvider();
        await using LiveSessionToolSet tools = await provider.GetRequiredService<LiveToolProvider>().CreateSessionToolSetAsync();

        FunctionResponse response = await tools.InvokeAsync(Call("1", "how_built", "{}"), CancellationToken.None);

        Assert.Equal("Hello, factory. HELLO FACTORY! tracker", response.Response!["output"]!.GetValue<string>());
        Assert.Equal("Hello, factory. HELLO FACTORY! no-tracker", Create<ConstructedTools>(BuildGreetersOnly()).HowBuilt());
    }

    [Fact]
    public void The_generated_factory_names_a_missing_constructor_service()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Create<ConstructedTools>(new ServiceCollection().BuildServiceProvider()));

        Assert.Contains("'greeter'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Live.Extensions.Tests.IGreeter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_per_call_type_is_described_from_its_generated_factory_without_building_an_instance()
    {
        var services = new ServiceCollection();
        services.AddSingleton<Tracker>();
        services.AddScoped<CallState>();
        services.AddLiveClient(o => o.ApiKey = "k").AddLiveTools<CallTools>(LiveToolLifetime.PerCall);
        await using ServiceProvider provider = services.BuildServiceProvider();
        var tracker = provider.GetRequiredService<Tracker>();

        await using LiveSessionToolSet tools = await provider.GetRequiredService<LiveToolProvider>().CreateSessionToolSetAsync();

        Assert.Equal(["call_instance"], tools.FunctionDeclarations.Select(d => d.Name));
        Assert.True(tools.TryGetTool("call_instance", out _));
        Assert.Equal(1, tracker.Next()); // No CallState (hence no CallTools) was built to read the declarations.
    }

    [Fact]
    public async Task The_assembly_registration_finds_every_tool_type_it_can_build_and_nothing_else()
    {
        Type[] expected =
        [
            typeof(CallTools), typeof(CatalogTools), typeof(ClockTools), typeof(ConstructedTools), typeof(ServiceTools), typeof(SessionTools),
        ];
        Assert.Equal(expected.OrderBy(t => t.FullName), LiveToolsAssemblyRegistration.LiveToolTypes.OrderBy(t => t.FullName));

        ServiceCollection services = Services();
        services.AddScoped<SessionState>();
        services.AddLiveClient(o => o.ApiKey = "k").AddLiveToolsFromAssembly(LiveToolLifetime.PerCall);
        await using ServiceProvider provider = services.BuildServiceProvider();
        var toolProvider = provider.GetRequiredService<LiveToolProvider>();

        // A static class is registered as its shared generated set; every other type by itself.
        Assert.Equal(
            expected.Where(t => t != typeof(ClockTools)).Select(t => t.FullName).Append(ClockTools.ToolSet.GetType().FullName).Order(),
            toolProvider.ToolTypes.Select(t => t.FullName).Order());

        await using LiveSessionToolSet tools = await toolProvider.CreateSessionToolSetAsync();
        FunctionResponse clock = await tools.InvokeAsync(Call("1", "fixed_time", "{}"), CancellationToken.None);
        FunctionResponse built = await tools.InvokeAsync(Call("2", "how_built", "{}"), CancellationToken.None);
        Assert.Equal("12:00", clock.Response!["output"]!.GetValue<string>());
        Assert.Equal("Hello, factory. HELLO FACTORY! tracker", built.Response!["output"]!.GetValue<string>());
        Assert.False(tools.TryGetTool("unbuildable", out _));
        Assert.False(tools.TryGetTool("hidden", out _));
    }

    private static ServiceProvider BuildGreetersOnly()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IGreeter, PoliteGreeter>();
        services.AddKeyedSingleton<IGreeter, LoudGreeter>("loud");
        return services.BuildServiceProvider();
    }

    private static T Create<T>(IServiceProvider services)
        where T : class, ILiveToolSet, ILiveToolFactory<T> => T.CreateLiveTools(services);
}
