using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using TeamsRemediation.Errors;
using TeamsRemediation.Journal;
using TeamsRemediation.Platform;
using TeamsRemediation.Tls;

namespace TeamsRemediation.Commands
{
    /// <summary>Which part of the TLS 1.2 repair to run.</summary>
    public enum TlsScope
    {
        /// <summary>SCHANNEL, .NET and WinHTTP under HKEY_LOCAL_MACHINE (needs elevation).</summary>
        Machine,

        /// <summary>The target users' Internet Options (SecureProtocols) in their own hives.</summary>
        User,

        /// <summary>Both.</summary>
        All,
    }

    /// <summary>
    /// <para type="synopsis">Repairs TLS 1.2 wherever Windows can turn it off: SCHANNEL, .NET, WinHTTP (both registry views) and the users' Internet Options. Reversible with Undo-TeamsRemediation.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Enable, "Tls12", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByDefault)]
    [OutputType(typeof(TlsSettingChange))]
    public sealed class EnableTls12Command : TeamsCmdletBase
    {
        private const string ByDefault = "Default";
        private const string ByName = "ByName";
        private const string BySid = "BySid";
        private const string All = "AllUsers";

        private readonly HashSet<string> doneUsers = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly List<TlsSettingChange> changes = new List<TlsSettingChange>();
        private TlsConfigurator? configurator;
        private ChangeJournal? journal;
        private bool machineDone;

        /// <summary>Machine (SCHANNEL, .NET, WinHTTP), User (Internet Options of the target users) or All (default).</summary>
        [Parameter]
        public TlsScope Scope { get; set; } = TlsScope.All;

        [Parameter(ParameterSetName = ByName, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string[]? UserName { get; set; }

        [Parameter(ParameterSetName = BySid, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Sid")]
        [ValidateNotNullOrEmpty]
        public string[]? UserSid { get; set; }

        [Parameter(ParameterSetName = All, Mandatory = true)]
        public SwitchParameter AllUsers { get; set; }

        /// <summary>The journal file to write; default %ProgramData%\TeamsRemediation\Journal\&lt;time&gt;-EnableTls12-&lt;id&gt;.xml.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        private bool IncludesMachine => Scope != TlsScope.User;

        private bool IncludesUsers => Scope != TlsScope.Machine;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            var caller = Machine.Users.GetCurrentIdentity();
            if (IncludesMachine && !caller.IsElevated)
            {
                ThrowModuleError(ModuleErrors.TlsElevationRequired(caller.UserName));
            }

            if (Machine.Is32BitProcess)
            {
                WriteVerbose("This is a 32-bit PowerShell on 64-bit Windows: both registry views are opened explicitly, so the 64-bit settings are repaired too.");
            }

            var path = JournalPath == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(JournalPath);
            journal = ChangeJournal.Start(Machine, "EnableTls12", path);
            configurator = new TlsConfigurator(Machine, journal, ShouldProcess, WriteModuleError);
        }

        protected override void ProcessRecord()
        {
            // Users are resolved before anything is written, so bad input stops the call with nothing changed.
            var users = IncludesUsers ? UsersToRepair() : new Targets.TargetUser[0];
            if (IncludesMachine && !machineDone)
            {
                machineDone = true;
                Emit(configurator!.RepairMachine());
            }

            foreach (var user in users.Where(u => doneUsers.Add(u.Sid)))
            {
                Emit(configurator!.RepairUser(user));
            }
        }

        protected override void EndProcessing()
        {
            var reboot = changes.Where(c => c.RebootRequired).ToList();
            if (reboot.Count > 0)
            {
                WriteWarning("Restart " + Machine.ComputerName + " for the TLS 1.2 repair to take effect: " + reboot.Count + " value(s) changed in " + string.Join(", ", reboot.Select(c => c.Area).Distinct()) + ".");
            }

            if (changes.Any(c => c.Area == TlsSettingArea.InternetOptions.ToString() && (c.Action == TlsChangeAction.Created || c.Action == TlsChangeAction.Updated)))
            {
                WriteVerbose("Internet Options changes take effect when the user's apps (Teams, browsers) start again; no restart needed for them.");
            }

            if (journal != null && !journal.IsEmpty)
            {
                WriteVerbose("Changes recorded in " + journal.Path + ". Undo them with: Undo-TeamsRemediation -Journal '" + journal.Path + "'");
            }
        }

        private IReadOnlyList<Targets.TargetUser> UsersToRepair()
        {
            // Run as SYSTEM with nobody logged on (Intune at night), -Scope All still repairs the machine: the
            // user part has nobody to act for, which is a warning, not a reason to leave the machine broken.
            var implicitTarget = UserName == null && UserSid == null && !AllUsers;
            if (implicitTarget && Scope == TlsScope.All && NobodyToActForByDefault())
            {
                WriteWarning("Nobody is logged on, so no user's Internet Options were checked. Use -AllUsers or -UserName to include users whose hive is loaded.");
                return new Targets.TargetUser[0];
            }

            return ResolveUsers(UserName, UserSid, AllUsers);
        }

        /// <summary>The default target of a service account or a remoting admin is the logged-on users (see TargetResolver).</summary>
        private bool NobodyToActForByDefault()
        {
            var caller = Machine.Users.GetCurrentIdentity();
            return (WellKnownSids.IsServiceAccount(caller.Sid) || IsRemotingSession) && Machine.Users.GetInteractiveSessions().Count == 0;
        }

        private void Emit(IEnumerable<TlsSettingChange> results)
        {
            foreach (var change in results)
            {
                changes.Add(change);
                WriteObject(change);
            }
        }
    }
}
