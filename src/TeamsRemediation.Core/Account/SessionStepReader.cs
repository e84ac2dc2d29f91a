using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TeamsRemediation.Errors;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Platform;
using TeamsRemediation.Targets;
using TeamsRemediation.UserBridge;

namespace TeamsRemediation.Account
{
    /// <summary>
    /// Turns what Reset-TeamsWorkAccount wrote in a user's session back into <see cref="TeamsAccountResetStep"/> objects,
    /// trusting nothing the session could have written differently: only objects of that one type, only step names and
    /// statuses the module has, each step once, every step about the user the session belongs to, on this computer, and a
    /// backup path only inside that user's own profile. Who ran it is taken from the bridge (the task's principal and
    /// session), never from the file.
    /// </summary>
    public static class SessionStepReader
    {
        /// <exception cref="UserBridgeException">UserSessionResultRejected: the result holds something the module never writes.</exception>
        public static IReadOnlyList<TeamsAccountResetStep> Read(UserSessionRun run, IMachine machine, TargetUser user)
        {
            var steps = new List<TeamsAccountResetStep>();
            foreach (var item in run.Result?.Objects ?? Array.Empty<BridgeObject>())
            {
                if (item.TypeName != typeof(TeamsAccountResetStep).FullName || item.Scalar != null)
                {
                    throw Rejected(run, "it holds " + (item.Scalar != null ? "a plain value" : "an object") + " of type '"
                        + SessionResultFields.Clean(item.TypeName) + "', which " + UserSessionAccountReset.SessionCommand + " never writes");
                }

                var step = ToStep(run, item, machine, user);
                if (steps.Any(s => s.Step == step.Step))
                {
                    throw Rejected(run, "it reports the step " + step.Step + " twice");
                }

                steps.Add(step);
            }

            return steps;
        }

        private static TeamsAccountResetStep ToStep(UserSessionRun run, BridgeObject item, IMachine machine, TargetUser user)
        {
            var name = Known<AccountResetStepName>(run, item, "Step");
            var status = Known<AccountResetStatus>(run, item, "Status");
            var sid = Text(run, item, "UserSid", required: true);
            if (!sid.Equals(run.UserSid, StringComparison.OrdinalIgnoreCase) || !sid.Equals(user.Sid, StringComparison.OrdinalIgnoreCase))
            {
                throw Rejected(run, "its " + name + " step is about " + sid + ", not about " + run.UserSid + ", whose session ran it");
            }

            var computer = Text(run, item, "ComputerName", required: true);
            if (!computer.Equals(machine.ComputerName, StringComparison.OrdinalIgnoreCase))
            {
                throw Rejected(run, "its " + name + " step names the computer '" + computer + "', not " + machine.ComputerName);
            }

            var backup = Text(run, item, "BackupPath", required: false);
            if (backup.Length > 0 && (!Path.IsPathRooted(backup) || user.Folders.TopFolderOf(PathScope.Full(backup)) == null))
            {
                throw Rejected(run, "its " + name + " step names the backup '" + backup + "', outside " + user.UserName + "'s profile "
                    + user.ProfilePath + " where that session keeps its journals and backups");
            }

            var restart = item.Properties.FirstOrDefault(p => p.Name == "RestartRequired");
            if (restart != null && restart.Kind != BridgeValueKind.Boolean)
            {
                throw Rejected(run, "its " + name + " step's RestartRequired is " + restart.Kind + ", not Boolean");
            }

            return new TeamsAccountResetStep
            {
                ComputerName = machine.ComputerName,
                User = user.UserName,
                UserSid = user.Sid,
                Step = name,
                Status = status,
                Action = Text(run, item, "Action", required: false),
                Detail = Text(run, item, "Detail", required: false),
                BackupPath = backup.Length > 0 ? PathScope.Full(backup) : string.Empty,
                RestartRequired = restart?.Value is bool flag && flag,
                RanAs = user.UserName,
                SessionId = run.SessionId,
            };
        }

        private static T Known<T>(UserSessionRun run, BridgeObject item, string property)
            where T : struct => SessionResultFields.Known<T>(item, property, why => Rejected(run, why));

        private static string Text(UserSessionRun run, BridgeObject item, string property, bool required) =>
            SessionResultFields.Text(item, property, required, why => Rejected(run, why));

        private static UserBridgeException Rejected(UserSessionRun run, string why) =>
            new UserBridgeException(ModuleErrors.UserSessionResultRejected(run.UserName, run.SessionId, why));
    }
}
