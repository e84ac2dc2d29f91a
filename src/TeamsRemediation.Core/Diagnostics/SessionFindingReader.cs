using System;
using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Errors;
using TeamsRemediation.Platform;
using TeamsRemediation.Targets;
using TeamsRemediation.UserBridge;

namespace TeamsRemediation.Diagnostics
{
    /// <summary>
    /// Turns what Test-TeamsCaa20002 wrote in a user's session back into findings, trusting nothing the session could have
    /// written differently: only objects of the finding type, only the checks that were asked for and each once, statuses
    /// and owners by their names, every finding about the user the session belongs to and on this computer, text cleaned
    /// and bounded. Who it is about is taken from the bridge (the task's principal and session), never from the file.
    /// </summary>
    internal static class SessionFindingReader
    {
        /// <summary>Far above the evidence lines any check writes; more is not a finding of this module.</summary>
        public const int MaximumEvidenceLines = 200;

        /// <exception cref="UserBridgeException">UserSessionFindingsRejected: the result holds something the module never writes.</exception>
        public static IReadOnlyDictionary<string, TeamsCaa20002Finding> Read(UserSessionRun run, IMachine machine, TargetUser user,
            ICollection<string> asked, DateTime timestamp)
        {
            var findings = new Dictionary<string, TeamsCaa20002Finding>(StringComparer.Ordinal);
            foreach (var item in run.Result?.Objects ?? Array.Empty<BridgeObject>())
            {
                if (item.TypeName != typeof(TeamsCaa20002Finding).FullName || item.Scalar != null)
                {
                    throw Rejected(run, "it holds " + (item.Scalar != null ? "a plain value" : "an object") + " of type '"
                        + SessionResultFields.Clean(item.TypeName) + "', which " + UserSessionRead.SessionCommand + " never writes");
                }

                var finding = ToFinding(run, item, machine, user, asked, timestamp);
                if (findings.ContainsKey(finding.CheckId))
                {
                    throw Rejected(run, "it reports the check " + finding.CheckId + " twice");
                }

                findings[finding.CheckId] = finding;
            }

            return findings;
        }

        private static TeamsCaa20002Finding ToFinding(UserSessionRun run, BridgeObject item, IMachine machine, TargetUser user,
            ICollection<string> asked, DateTime timestamp)
        {
            var checkId = Text(run, item, "CheckId", required: true);
            if (!asked.Contains(checkId))
            {
                throw Rejected(run, "it reports the check '" + checkId + "', which was not asked for (" + string.Join(", ", asked) + ")");
            }

            var status = SessionResultFields.Known<FindingStatus>(item, "Status", why => Rejected(run, why));
            var owner = SessionResultFields.Known<Codes.FindingOwner>(item, "Owner", why => Rejected(run, why));
            var sid = Text(run, item, "UserSid", required: true);
            if (!sid.Equals(run.UserSid, StringComparison.OrdinalIgnoreCase) || !sid.Equals(user.Sid, StringComparison.OrdinalIgnoreCase))
            {
                throw Rejected(run, "its " + checkId + " finding is about " + sid + ", not about " + run.UserSid + ", whose session ran it");
            }

            var computer = Text(run, item, "ComputerName", required: true);
            if (!computer.Equals(machine.ComputerName, StringComparison.OrdinalIgnoreCase))
            {
                throw Rejected(run, "its " + checkId + " finding names the computer '" + computer + "', not " + machine.ComputerName);
            }

            var evidence = Lines(run, item, "Evidence", checkId);
            var where = "Read in " + user.UserName + "'s own session " + run.SessionId + ", as that user.";
            return new TeamsCaa20002Finding
            {
                CheckId = checkId,
                Status = status,
                Owner = owner,
                Summary = Text(run, item, "Summary", required: true),
                Evidence = new[] { where }.Concat(evidence).ToArray(),
                Remedy = Text(run, item, "Remedy", required: false),
                SkipReason = Text(run, item, "SkipReason", required: false),
                User = user.UserName,
                UserSid = user.Sid,
                ComputerName = machine.ComputerName,
                Timestamp = timestamp,
            };
        }

        private static string[] Lines(UserSessionRun run, BridgeObject item, string property, string checkId)
        {
            var found = item.Properties.FirstOrDefault(p => p.Name == property);
            if (found == null || found.Kind == BridgeValueKind.Null)
            {
                return Array.Empty<string>();
            }

            // One line comes back as a String: PowerShell's property of a one-item array is still the array, but be lenient on the shape.
            if (found.Kind == BridgeValueKind.String)
            {
                return new[] { SessionResultFields.Clean((string)found.Value!) };
            }

            if (found.Kind != BridgeValueKind.StringArray)
            {
                throw Rejected(run, "its " + checkId + " finding's " + property + " is " + found.Kind + ", not StringArray");
            }

            var lines = (string[])found.Value!;
            if (lines.Length > MaximumEvidenceLines)
            {
                throw Rejected(run, "its " + checkId + " finding has " + lines.Length + " evidence lines, more than " + MaximumEvidenceLines);
            }

            return lines.Select(SessionResultFields.Clean).ToArray();
        }

        private static string Text(UserSessionRun run, BridgeObject item, string property, bool required) =>
            SessionResultFields.Text(item, property, required, why => Rejected(run, why));

        private static UserBridgeException Rejected(UserSessionRun run, string why) =>
            new UserBridgeException(ModuleErrors.UserSessionFindingsRejected(run.UserName, run.SessionId, why));
    }
}
