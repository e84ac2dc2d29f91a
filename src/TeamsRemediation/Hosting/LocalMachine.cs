using System.Management.Automation.Runspaces;
using System.Runtime.InteropServices;
using TeamsRemediation.Platform;
using TeamsRemediation.Windows;

namespace TeamsRemediation.Hosting
{
    /// <summary>Which PC a cmdlet acts on: the simulated one attached to its runspace, else this Windows computer.</summary>
    internal static class LocalMachine
    {
        /// <summary>The machine, or null when there is none to act on (not Windows and nothing attached).</summary>
        public static IMachine? ForCurrentRunspace()
        {
            var attached = MachineHook.Find(Runspace.DefaultRunspace);
            if (attached != null)
            {
                return attached;
            }

            return RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? WindowsMachine.Local : null;
        }
    }
}
