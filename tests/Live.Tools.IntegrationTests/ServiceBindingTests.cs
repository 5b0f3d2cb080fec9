using static Live.Tools.IntegrationTests.ToolTestHelpers;

namespace Live.Tools.IntegrationTests;

public class ServiceBindingTests
{
    [Fact]
    public void The_service_parameter_is_not_in_the_schema()
    {
        Assert.Equal(["amount"], CounterTools.LiveFunctionDeclarations[0].Parameters!.Properties!.Keys);
    }

    [Fact]
    public async Task The_generated_factory_and_the_dispatcher_take_their_services_from_any_IServiceProvider()
    {
        var instanceCounter = new Counter();
        CounterTools tools = Create<CounterTools>(new DictionaryProvider(instanceCounter));

        var first = new Counter();
        var second = new Counter { Value = 100 };
        FunctionResponse a = await tools.InvokeWithServicesAsync(Call("add", """{"amount": 2}"""), new DictionaryProvider(first));
        FunctionResponse b = await tools.InvokeWithServicesAsync(Call("add", """{"amount": 3}"""), new DictionaryProvider(second));

        Assert.Equal("2/2/True", a.Response!["output"]!.GetValue<string>());
        Assert.Equal("5/103/True", b.Response!["output"]!.GetValue<string>());
        Assert.Null(LiveToolServices.Current);
    }

    [Fact]
    public async Task A_service_the_provider_does_not_have_gives_an_error_response()
    {
        CounterTools tools = Create<CounterTools>(new DictionaryProvider(new Counter()));

        FunctionResponse response = await tools.InvokeWithServicesAsync(Call("add", """{"amount": 2}"""), new DictionaryProvider("not a counter"));

        Assert.True(response.IsError);
        Assert.Contains("\"callCounter\" needs the service Live.Tools.IntegrationTests.Counter, which is not registered", response.Response!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_generated_factory_names_a_missing_constructor_service()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Create<CounterTools>(new DictionaryProvider()));
        Assert.Contains("'counter' needs the service Live.Tools.IntegrationTests.Counter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_generated_factory_describes_the_tools_without_an_instance()
    {
        IReadOnlyList<LiveToolInfo> infos = Infos<CounterTools>();
        Assert.Equal(["add"], infos.Select(i => i.Declaration.Name));
    }

    private static T Create<T>(IServiceProvider services)
        where T : class, ILiveToolSet, ILiveToolFactory<T> => T.CreateLiveTools(services);

    private static IReadOnlyList<LiveToolInfo> Infos<T>()
        where T : class, ILiveToolSet, ILiveToolFactory<T> => T.LiveToolInfos;
}
