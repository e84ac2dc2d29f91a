using System;
using System.Runtime.CompilerServices;

namespace TeamsRemediation.Platform
{
    /// <summary>
    /// Per-runspace choice of machine. A test or the demo host attaches a simulated machine to its runspace;
    /// every other runspace gets the local machine. Keyed weakly so a closed runspace frees its machine and
    /// parallel tests never see each other's. Internal, seen only by TeamsRemediation.Simulation (and the tests),
    /// so no script on a real PC can point the shipped module at a machine of its own.
    /// </summary>
    internal static class MachineHook
    {
        private static readonly ConditionalWeakTable<object, IMachine> Attached = new ConditionalWeakTable<object, IMachine>();

        public static void Attach(object runspace, IMachine machine)
        {
            if (runspace is null)
            {
                throw new ArgumentNullException(nameof(runspace));
            }

            Attached.Remove(runspace);
            Attached.Add(runspace, machine ?? throw new ArgumentNullException(nameof(machine)));
        }

        public static void Detach(object runspace) => Attached.Remove(runspace);

        /// <summary>The machine attached to this runspace, or null when the local machine applies.</summary>
        public static IMachine? Find(object? runspace) =>
            runspace != null && Attached.TryGetValue(runspace, out var machine) ? machine : null;
    }
}
