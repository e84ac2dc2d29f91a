using System.Runtime.CompilerServices;
using TeamsRemediation.Demo;

namespace TeamsRemediation.Tests.Support
{
    /// <summary>Opts the hosted engine out of telemetry as the test assembly loads, before any test can create a runspace.</summary>
    internal static class TelemetryOptOut
    {
        [ModuleInitializer]
        internal static void BeforeAnyTest() => EngineTelemetry.OptOut();
    }
}
