using System.Management.Automation;
using TeamsRemediation.Inventory;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Commands
{
    /// <summary>
    /// <para type="synopsis">Lists the Teams clients of the users of this PC: installed or left behind, running, cache size.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "TeamsInstallation", DefaultParameterSetName = ByDefault, HelpUri = HelpLinks.GetTeamsInstallation)]
    [OutputType(typeof(TeamsInstallation))]
    public sealed class GetTeamsInstallationCommand : UserTargetCmdletBase
    {
        /// <summary>Classic, New, All (default: every client installed or left in the profile) or Installed.</summary>
        [Parameter]
        public TeamsClientSelection Client { get; set; } = TeamsClientSelection.All;

        /// <summary>Skips walking the cache folders: faster on large profiles, CacheSizeBytes stays 0.</summary>
        [Parameter]
        public SwitchParameter NoCacheSize { get; set; }

        protected override void ProcessRecord()
        {
            var inventory = new TeamsInventory(Machine, WriteVerbose);
            foreach (var user in ResolveTargetUsers())
            {
                var found = inventory.Find(user, Client, measureCache: !NoCacheSize);
                if (found.Count == 0)
                {
                    WriteVerbose("No Teams client (installed or left behind) in the profile of " + user.UserName + ".");
                }

                foreach (var installation in found)
                {
                    WriteObject(installation);
                }
            }
        }
    }
}
