using TeamsRemediation.Simulation;

namespace TeamsRemediation.Demo
{
    /// <summary>
    /// The embedded default: the demo's PC01 (<see cref="BrokenDemoPc"/>, where the PC and its breaks are described), before its
    /// breaks; each demo step makes its own break in Prepare.
    /// </summary>
    public sealed class DemoPc
    {
        public DemoPc()
        {
            Breaks = BrokenDemoPc.Unbroken();
        }

        /// <summary>The breaks the steps make, and the PC they make them on.</summary>
        public BrokenDemoPc Breaks { get; }

        public SimulatedPc Pc => Breaks.Pc;

        public SimulatedMachine Machine => Pc.Machine;

        public SimulatedUser Alice => Breaks.Alice;

        public SimulatedUser Bob => Breaks.Bob;

        /// <summary>The PC as Alice's own session sees it (dsregcmd, WAM), once a step has started playing it.</summary>
        public SimulatedMachine? AliceSession { get; set; }
    }
}
