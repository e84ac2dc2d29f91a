using System;
using TeamsRemediation.Demo;
using TeamsRemediation.Simulation;

namespace TeamsRemediation.Tests.Support
{
    /// <summary>A simulated PC and a real PowerShell engine with the built module attached to it; disposes both.</summary>
    public sealed class SimulatedSession : IDisposable
    {
        private ModuleSession? session;

        public SimulatedSession(string computerName = "PC01")
        {
            Pc = SimulatedPc.Create(computerName);
        }

        public SimulatedPc Pc { get; }

        public SimulatedMachine Machine => Pc.Machine;

        /// <summary>The engine, started on first use so a test can describe the PC first.</summary>
        public ModuleSession Shell => session ??= new ModuleSession(Pc.Machine);

        public ScriptResult Run(string script, params object[] args) => Shell.Run(script, args);

        public void Dispose()
        {
            session?.Dispose();
            Pc.Machine.Dispose();
        }
    }
}
