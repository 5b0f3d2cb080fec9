namespace Live.Tools;

/// <summary>
/// Binds a <see cref="LiveToolAttribute"/> method's parameter from the services of the call (see
/// <see cref="LiveToolServices"/>) instead of the model's arguments: the parameter is left out of the schema.
/// </summary>
/// <remarks>
/// The generator also recognizes ASP.NET Core's <c>Microsoft.AspNetCore.Mvc.FromServicesAttribute</c> and
/// <c>Microsoft.Extensions.DependencyInjection.FromKeyedServicesAttribute</c> (a keyed service), so code that already
/// uses them needs no change. A parameter of type <see cref="IServiceProvider"/> is bound without an attribute. A
/// nullable parameter or one with a default value is optional: null when the service is not registered; otherwise a
/// missing service gives the model an error response that names the parameter and the type.
/// </remarks>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class FromServicesAttribute : Attribute
{
}
