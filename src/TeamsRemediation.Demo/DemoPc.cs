using TeamsRemediation.Simulation;

namespace TeamsRemediation.Demo
{
    /// <summary>
    /// The embedded default: PC01, where Intune runs the module as SYSTEM. Alice is logged on and has new Teams
    /// plus a folder left by the classic client; Bob has classic Teams, is not logged on and his hive is not loaded.
    /// </summary>
    public sealed class DemoPc
    {
        public DemoPc()
        {
            Pc = SimulatedPc.Create("PC01");
            Alice = Pc.AddUser("alice", loggedOn: true).InstallNewTeams().AddClassicCache();
            Bob = Pc.AddUser("bob", loggedOn: false, hiveLoaded: false).InstallClassicTeams();
            Pc.RunAsSystem();
        }

        public SimulatedPc Pc { get; }

        public SimulatedMachine Machine => Pc.Machine;

        public SimulatedUser Alice { get; }

        public SimulatedUser Bob { get; }
    }
}
