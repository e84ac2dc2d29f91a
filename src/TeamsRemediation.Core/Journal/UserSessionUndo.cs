using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using TeamsRemediation.Errors;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Hosting;
using TeamsRemediation.Logging;
using TeamsRemediation.Platform;
using TeamsRemediation.UserBridge;
using TeamsRemediation.Text;

namespace TeamsRemediation.Journal
{
    /// <summary>
    /// An elevated Undo-TeamsRemediation (SYSTEM from Intune, or an administrator) of a journal that a user's session wrote
    /// (Reset-TeamsWorkAccount's steps run there through <see cref="UserSessionBridge"/>): the Undo runs in that user's session,
    /// through the same bridge, as <c>Undo-TeamsRemediation -Journal &lt;it&gt;</c> with the user's rights only, and what it
    /// returns is read back as untrusted input by <see cref="SessionRestoreReader"/>.
    /// <para>
    /// The elevated process never opens such a journal. The user could have edited it to name anything, and a restore acts on
    /// what the journal says: run with SYSTEM's rights, an edited journal could move another user's files or system files.
    /// Run with the user's rights, it reaches at most what the user could change anyway. So which user's it is, and whether
    /// it runs in a session at all, is decided from where the file lies and who could have written it, never from its text.
    /// </para>
    /// </summary>
    public sealed class UserSessionUndo
    {
        private const string LogSource = "Undo";

        private readonly IMachine machine;
        private readonly IRemediationHost host;
        private readonly string moduleManifestPath;
        private readonly MachineLog log;

        /// <param name="machine">The PC acted on.</param>
        /// <param name="host">Asked once per journal before the user's session runs; receives every error.</param>
        /// <param name="moduleManifestPath">The installed module's manifest by full path: what the user's session imports.</param>
        /// <param name="log">The per-machine log; null for the machine's own.</param>
        public UserSessionUndo(IMachine machine, IRemediationHost host, string moduleManifestPath, MachineLog? log = null)
        {
            this.machine = machine ?? throw new ArgumentNullException(nameof(machine));
            this.host = host ?? throw new ArgumentNullException(nameof(host));
            this.moduleManifestPath = moduleManifestPath ?? throw new ArgumentNullException(nameof(moduleManifestPath));
            this.log = log ?? new MachineLog(machine);
        }

        /// <summary>How long the user's session may take for one journal (a cache backup may hold many thousand moves).</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

        /// <summary>
        /// The user whose session this journal belongs to, or null when the caller restores it itself: the caller is not
        /// elevated, is that user, the journal lies outside every user's journal folder and cache backups in their profile, or only SYSTEM
        /// and Administrators could have written it. Decided from the path and the file's access rules only, never from the journal's content.
        /// </summary>
        /// <exception cref="JournalRefusedException">UserJournalThroughLink: a link on the way makes the owner uncertain.</exception>
        public UserProfile? SessionOwnerOf(string journalPath)
        {
            var caller = machine.Users.GetCurrentIdentity();
            if (!JournalStorage.IsPrivileged(caller))
            {
                return null;
            }

            var full = PathScope.Full(journalPath);
            var folder = ExtendedLengthPath.ParentOf(full);
            // Inside the profile only: a user may point their own Local AppData (User Shell Folders) anywhere, even at another
            // user's journal folder, so a folder outside the profile proves nothing about whose journal it is.
            var owner = machine.Users.GetProfiles().FirstOrDefault(p => IsJournalPlaceOf(p, full, folder)
                && PathScope.IsSameOrInside(full, p.ProfilePath));
            if (owner == null || owner.Sid.Equals(caller.Sid, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            // A junction on the way (say, the user's journal folder pointing at another user's) would make the folder's name lie
            // about whose journal it is; the file itself must be no link either.
            var link = SafeTree.FirstLinkOnTheWay(machine.Files, owner.ProfilePath, full);
            if (link != null)
            {
                log.Write(LogSource, "Refused " + full + ": " + link + " on the way is a link.", EventLogLevel.Warning);
                throw new JournalRefusedException(ModuleErrors.UserJournalThroughLink(full, link));
            }

            return JournalStorage.WhyUntrusted(machine, full) == null ? null : owner;
        }

        /// <summary>
        /// Where the module puts a journal of a user's data in their profile: their journal folder, or a cache backup (Clear-TeamsCache
        /// -Backup, the repair's light clear) in their backups, whose journal lies beside the items it moved.
        /// </summary>
        private static bool IsJournalPlaceOf(UserProfile profile, string journal, string folder) =>
            PathScope.IsSame(folder, JournalStorage.UserFolder(profile.Folders))
            || (string.Equals(Path.GetFileName(journal), Cache.CacheBackupFolder.JournalFileName, StringComparison.OrdinalIgnoreCase)
                && PathScope.IsSameOrInside(folder, UserBackups.Root(profile.Folders))
                && !PathScope.IsSame(folder, UserBackups.Root(profile.Folders)));

        /// <summary>
        /// Runs the Undo of <paramref name="journalPath"/> in <paramref name="owner"/>'s active session and returns what it put back, as
        /// that session reported it. The session is asked for once, through the host: -WhatIf and a declined question start no
        /// task and return one Journal result (WhatIf or Skipped). No active session: the JournalUntrusted refusal with the way to
        /// restore it by hand, and nothing. A failed run or a rejected result: its errors and one Failed Journal result.
        /// </summary>
        public IReadOnlyList<RestoreResult> Restore(string journalPath, UserProfile owner, bool force, CancellationToken cancellation = default)
        {
            var full = PathScope.Full(journalPath);
            var command = SessionRestoreReader.SessionCommand + " -Journal '" + full.Replace("'", "''") + "'" + (force ? " -Force" : string.Empty);
            InteractiveSession? session;
            try
            {
                session = machine.Users.GetInteractiveSessions()
                    .Where(s => s.Active && s.UserSid.Equals(owner.Sid, StringComparison.OrdinalIgnoreCase))
                    .OrderBy(s => s.SessionId).FirstOrDefault();
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                host.Error(ModuleErrors.UserSessionsUnreadable(e));
                return Whole(full, owner, -1, RestoreStatus.Failed, "Not run in " + owner.UserName + "'s session: the sessions could not be listed.");
            }

            if (session == null)
            {
                Refuse(full, owner, owner.UserName + " has no active session on this PC (not logged on, or only disconnected).");
                return Array.Empty<RestoreResult>();
            }

            var where = owner.UserName + "'s session " + session.SessionId;
            var action = "Run as " + owner.UserName + " in their session " + session.SessionId + " (a one-shot scheduled task): " + command;
            var consent = host.Ask(full, action);
            if (consent != Consent.Yes)
            {
                var whatIf = consent == Consent.WhatIf;
                return Whole(full, owner, session.SessionId, whatIf ? RestoreStatus.WhatIf : RestoreStatus.Skipped,
                    (whatIf ? "What if: " : "Declined: ") + action + ".");
            }

            var request = new BridgeRequest(moduleManifestPath, SessionRestoreReader.SessionCommand) { Timeout = Timeout, MaxParallel = 1 };
            request.Parameters["Journal"] = full;
            if (force)
            {
                request.Switches.Add("Force");
            }

            request.UserSids.Add(owner.Sid);
            request.SessionIds.Add(session.SessionId);
            UserSessionRun? run;
            try
            {
                log.Write(LogSource, "Restoring " + full + " in " + owner.Sid + "'s session " + session.SessionId + ": " + command + ".");
                host.Verbose("Restoring " + full + " in " + where + " (a one-shot task, at most " + Timeout.TotalMinutes + " min).");
                run = new UserSessionBridge(machine, log).Run(request, cancellation)
                    .FirstOrDefault(r => r.SessionId == session.SessionId && r.UserSid.Equals(owner.Sid, StringComparison.OrdinalIgnoreCase));
            }
            catch (UserBridgeException e)
            {
                host.Error(e.Error);
                return Whole(full, owner, session.SessionId, RestoreStatus.Failed, "Could not run in " + where + ": " + e.Error);
            }

            if (run == null || run.Outcome == UserSessionRunOutcome.Skipped)
            {
                // The user logged off or disconnected between the look above and the start: as if there had been no session.
                Refuse(full, owner, run == null ? where + " ended before the run." : string.Join(" ", run.Problems.Select(p => p.Message)));
                return Array.Empty<RestoreResult>();
            }

            foreach (var problem in run.Problems)
            {
                host.Error(problem);
            }

            if (run.Result == null)
            {
                return Whole(full, owner, run.SessionId, RestoreStatus.Failed, run.WhyNoResult(where));
            }

            IReadOnlyList<RestoreResult> results;
            try
            {
                results = SessionRestoreReader.Read(run, machine, owner, full);
            }
            catch (UserBridgeException e)
            {
                log.Write(LogSource, "Rejected what " + where + " returned for " + full + ": " + e.Error.Id + ": " + e.Message,
                    EventLogLevel.Warning);
                host.Error(e.Error);
                return Whole(full, owner, run.SessionId, RestoreStatus.Failed, "What " + where + " returned was rejected: " + e.Error.Message);
            }

            foreach (var error in run.Result.Errors)
            {
                host.Error(SessionResultFields.ToModuleError(error, where));
            }

            log.Write(LogSource, where + " (" + owner.Sid + ") restored " + full + ": " + string.Join(", ", results.GroupBy(r => r.Status)
                .Select(g => g.Count() + " " + g.Key))
                + (run.Result.Errors.Count > 0 ? ", " + Wording.Count(run.Result.Errors.Count, "error") + "." : "."));
            return results;
        }

        private void Refuse(string journalPath, UserProfile owner, string notRun)
        {
            log.Write(LogSource, "Not restored " + journalPath + " of " + owner.Sid + ": " + notRun, EventLogLevel.Warning);
            var why = JournalStorage.WhyUntrusted(machine, journalPath) ?? "it lies in " + owner.UserName + "'s own journal folder";
            host.Error(ModuleErrors.JournalUntrusted(journalPath, why, owner.UserName, notRun));
        }

        /// <summary>The journal as one result, when no entry's result from the session can be given.</summary>
        private RestoreResult[] Whole(string journalPath, UserProfile owner, int sessionId, RestoreStatus status, string detail) => new[]
        {
            new RestoreResult
            {
                ComputerName = machine.ComputerName,
                Journal = journalPath,
                Kind = "Journal",
                Target = journalPath,
                Status = status,
                Detail = detail,
                RanAs = owner.UserName,
                SessionId = sessionId,
            },
        };
    }
}
