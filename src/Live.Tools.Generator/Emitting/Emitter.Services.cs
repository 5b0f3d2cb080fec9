using System;
using System.Globalization;
using Live.Tools.Generator.Model;
using Live.Tools.Generator.Parsing;

namespace Live.Tools.Generator.Emitting;

/// <content>Service parameters of a tool: resolved from <c>LiveToolServices.Current</c> (the call's services), no reflection.</content>
internal sealed partial class Emitter
{
    private const string ServicesType = "global::Live.Tools.LiveToolServices";

    /// <summary>Writes the binding of a service parameter; returns the local that holds it.</summary>
    private static string EmitService(SourceWriter w, ServiceSpec service, int index, Func<string, string> ret)
    {
        string local = "__p" + index.ToString(CultureInfo.InvariantCulture);
        string missing = ret(ServicesType + ".MissingService(__call, " + Literal(service.Name) + ", " + Literal(service.DisplayName)
            + (service.KeyLiteral is null ? string.Empty : ", " + Literal(service.KeyLiteral)) + ")");
        w.Line();
        if (service.IsProvider)
        {
            if (service.IsOptional)
            {
                w.Line("global::System.IServiceProvider? " + local + " = " + ServicesType + ".Current;");
                return local;
            }

            w.Open("if (" + ServicesType + ".Current is not { } " + local + ")");
            w.Line(missing);
            w.Close();
            return local;
        }

        string lookup = Lookup(ServicesType + ".Current", service, conditional: true);
        if (service.IsOptional)
        {
            w.Line(service.TypeName + "? " + local + " = " + lookup + " as " + service.TypeName + ";");
            return local;
        }

        w.Open("if (" + lookup + " is not " + service.TypeName + " " + local + ")");
        w.Line(missing);
        w.Close();
        return local;
    }

    /// <summary>The expression that asks <paramref name="provider"/> for the service (<c>GetService</c> or <c>GetKeyedService</c>).</summary>
    private static string Lookup(string provider, ServiceSpec service, bool conditional)
    {
        string access = conditional ? "?." : ".";
        return service.KeyLiteral is null
            ? provider + access + "GetService(typeof(" + service.TypeName + "))"
            : "(" + provider + " as " + ServiceParameters.KeyedServiceProviderName + ")?.GetKeyedService(typeof(" + service.TypeName + "), " + service.KeyLiteral + ")";
    }
}
