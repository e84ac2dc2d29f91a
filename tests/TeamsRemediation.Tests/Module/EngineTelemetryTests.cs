using System;
using TeamsRemediation.Demo;
using TeamsRemediation.Tests.Support;
using Xunit;

namespace TeamsRemediation.Tests.Module
{
    /// <summary>The hosted engine must never send telemetry from a test, the demo or a benchmark: traffic stays on loopback.</summary>
    public sealed class EngineTelemetryTests
    {
        [Fact]
        public void TheEngineHostingTheModuleDecidedNotToSend()
        {
            using var session = new SimulatedSession();
            session.Shell.Invoke("Get-Module TeamsRemediation");

            Assert.Equal("1", Environment.GetEnvironmentVariable(EngineTelemetry.OptOutVariable));
            Assert.False(EngineTelemetry.EngineSends);
        }
    }
}
