using System.Collections.Generic;
using System.Management.Automation;
using TeamsRemediation.Completion;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Commands
{
    /// <summary>
    /// The cmdlets that act per user take their targets the same way: -UserName, -UserSid (also from a piped
    /// Get-TeamsInstallation), -AllUsers, or none for the implicit default of <see cref="TargetResolver"/>.
    /// </summary>
    public abstract class UserTargetCmdletBase : TeamsCmdletBase
    {
        protected const string ByDefault = "Default";
        protected const string ByName = "ByName";
        protected const string BySid = "BySid";
        protected const string ByAllUsers = "AllUsers";

        [Parameter(ParameterSetName = ByName, Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(UserNameCompleter))]
        public string[]? UserName { get; set; }

        /// <summary>The only parameter bound from the pipeline by property name, so parameter-set binding stays unambiguous.</summary>
        [Parameter(ParameterSetName = BySid, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Sid")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(UserSidCompleter))]
        public string[]? UserSid { get; set; }

        [Parameter(ParameterSetName = ByAllUsers, Mandatory = true)]
        public SwitchParameter AllUsers { get; set; }

        /// <summary>The users of this call; see <see cref="TeamsCmdletBase.ResolveUsers"/> for bad input and nobody found.</summary>
        protected IReadOnlyList<TargetUser> ResolveTargetUsers(bool nobodyIsFine = false,
            string nobodyConsequence = "No user settings were changed.") =>
            ResolveUsers(UserName, UserSid, AllUsers, nobodyIsFine, nobodyConsequence);
    }
}
