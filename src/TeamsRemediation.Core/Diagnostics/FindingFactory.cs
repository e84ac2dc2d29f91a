using System;
using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Diagnostics
{
    /// <summary>Makes findings stamped with the computer, the user and one timestamp for the whole run; every text goes through <see
    /// cref="FindingText"/>.</summary>
    internal sealed class FindingFactory
    {
        private readonly string computerName;
        private readonly DateTime timestamp;

        public FindingFactory(string computerName, DateTime timestamp)
        {
            this.computerName = computerName;
            this.timestamp = timestamp;
        }

        public TeamsCaa20002Finding Make(
            string checkId, TargetUser? user, FindingStatus status, string summary, IEnumerable<string>? evidence = null, string remedy = "",
                Codes.FindingOwner? owner = null) => new TeamsCaa20002Finding
        {
            CheckId = checkId,
            Owner = owner ?? CheckIds.DefaultOwner(checkId),
            Status = status,
            Summary = FindingText.Clean(summary),
            Evidence = (evidence ?? Enumerable.Empty<string>()).Select(FindingText.Clean).ToArray(),
            Remedy = FindingText.Clean(remedy),
            User = FindingText.Clean(user?.UserName),
            UserSid = FindingText.Clean(user?.Sid),
            ComputerName = computerName,
            Timestamp = timestamp,
        };

        public TeamsCaa20002Finding Skipped(string checkId, TargetUser? user, string reason, IEnumerable<string>? evidence = null)
        {
            var finding = Make(checkId, user, FindingStatus.Skipped, "Not checked: " + reason, evidence);
            finding.SkipReason = FindingText.Clean(reason);
            return finding;
        }

        /// <summary>The worst of the statuses: Fail over Warning over Pass.</summary>
        public static FindingStatus Worst(IEnumerable<FindingStatus> statuses)
        {
            var all = statuses.ToList();
            return all.Contains(FindingStatus.Fail) ? FindingStatus.Fail : all.Contains(FindingStatus.Warning) ? FindingStatus.Warning
                : FindingStatus.Pass;
        }
    }
}
