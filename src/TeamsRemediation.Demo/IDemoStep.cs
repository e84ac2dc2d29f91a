using TeamsRemediation.Simulation;

namespace TeamsRemediation.Demo
{
    /// <summary>
    /// One part of the demo: it breaks the simulated PC the way its cmdlet's cause does, then runs the cmdlet.
    /// Every step prepares before any runs, so the diagnosis sees all the breakage at once.
    /// </summary>
    public interface IDemoStep
    {
        /// <summary>Runs in ascending order: diagnosis first, repairs after, a final check last.</summary>
        int Order { get; }

        string Title { get; }

        void Prepare(DemoPc pc);

        /// <summary>Shows what a person would see: the commands typed and their formatted output.</summary>
        void Run(DemoConsole console);
    }
}
