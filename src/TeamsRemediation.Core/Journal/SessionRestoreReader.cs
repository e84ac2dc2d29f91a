using System;
using System.Collections.Generic;
using System.IO;
using TeamsRemediation.Errors;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Platform;
using TeamsRemediation.UserBridge;

namespace TeamsRemediation.Journal
{
    /// <summary>
    /// Turns what Undo-TeamsRemediation wrote in a user's session back into <see cref="RestoreResult"/> objects, trusting nothing the
    /// session could have written differently: only objects of that one type, only kinds and statuses the module has, this
    /// computer, exactly the journal that was asked for, and targets that are that user's own data (a registry value under
    /// HKU\&lt;that user's SID&gt;, a path inside that user's folders). Who ran it is taken from the bridge (the task's principal and
    /// session), never from the file.
    /// </summary>
    public static class SessionRestoreReader
    {
        /// <summary>The command the user's session runs; its objects are read back as <see cref="RestoreResult"/>.</summary>
        public const string SessionCommand = "Undo-TeamsRemediation";

        /// <exception cref="UserBridgeException">UserSessionUndoRejected: the result holds what Undo never writes for this journal.</exception>
        public static IReadOnlyList<RestoreResult> Read(UserSessionRun run, IMachine machine, UserProfile owner, string journalPath)
        {
            Exception Rejected(string why) =>
                new UserBridgeException(ModuleErrors.UserSessionUndoRejected(run.UserName, run.SessionId, journalPath, why));

            var results = new List<RestoreResult>();
            foreach (var item in run.Result?.Objects ?? Array.Empty<BridgeObject>())
            {
                if (item.TypeName != typeof(RestoreResult).FullName || item.Scalar != null)
                {
                    throw Rejected("it holds " + (item.Scalar != null ? "a plain value" : "an object") + " of type '"
                        + SessionResultFields.Clean(item.TypeName) + "', which " + SessionCommand + " never writes");
                }

                var kind = SessionResultFields.Known<JournalEntryKind>(item, "Kind", Rejected);
                var status = SessionResultFields.Known<RestoreStatus>(item, "Status", Rejected);
                var computer = SessionResultFields.Text(item, "ComputerName", required: true, Rejected);
                if (!computer.Equals(machine.ComputerName, StringComparison.OrdinalIgnoreCase))
                {
                    throw Rejected("a result names the computer '" + computer + "', not " + machine.ComputerName);
                }

                var journal = SessionResultFields.Text(item, "Journal", required: true, Rejected);
                if (!Path.IsPathRooted(journal) || !PathScope.IsSame(journal, journalPath))
                {
                    throw Rejected("a result is about the journal '" + journal + "', not " + journalPath + ", the one asked for");
                }

                var target = SessionResultFields.Text(item, "Target", required: true, Rejected);
                if (!IsOwnersData(kind, target, owner))
                {
                    throw Rejected("a result is about " + target + ", which is not " + owner.UserName + "'s own data");
                }

                results.Add(new RestoreResult
                {
                    ComputerName = machine.ComputerName,
                    Journal = journalPath,
                    Kind = kind.ToString(),
                    Target = target,
                    Restored = SessionResultFields.Text(item, "Restored", required: false, Rejected),
                    Status = status,
                    Detail = SessionResultFields.Text(item, "Detail", required: false, Rejected),
                    RanAs = owner.UserName,
                    SessionId = run.SessionId,
                });
            }

            return results;
        }

        /// <summary>A move inside the user's own folders, or a value in the user's own hive: all a journal of theirs may restore.</summary>
        private static bool IsOwnersData(JournalEntryKind kind, string target, UserProfile owner)
        {
            if (kind == JournalEntryKind.RegistryValue)
            {
                return target.StartsWith("HKU\\" + owner.Sid + "\\", StringComparison.OrdinalIgnoreCase);
            }

            try
            {
                return Path.IsPathRooted(target) && owner.Folders.TopFolderOf(PathScope.Full(target)) != null;
            }
            catch (Exception e) when (e is ArgumentException || e is NotSupportedException || e is PathTooLongException)
            {
                return false;
            }
        }
    }
}
