using System;
using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Diagnostics
{
    /// <summary>Makes findings stamped with the computer, the user and one timestamp for the whole run.</summary>
    internal sealed class FindingFactory
    {
        private readonly string computerName;
        private readonly DateTime timestamp;

        public FindingFactory(string computerName, DateTime timestamp)
        {
            this.computerName = computerName;
            this.timestamp = timestamp;
        }

        public TeamsCaa20002Finding Make(string checkId, TargetUser? user, FindingStatus status, string summary, IEnumerable<string>? evidence = null, string remedy = "") => new TeamsCaa20002Finding
        {
            CheckId = checkId,
            Status = status,
            Summary = summary,
            Evidence = (evidence ?? Enumerable.Empty<string>()).ToArray(),
            Remedy = remedy ?? string.Empty,
            User = user?.UserName ?? string.Empty,
            UserSid = user?.Sid ?? string.Empty,
            ComputerName = computerName,
            Timestamp = timestamp,
        };

        public TeamsCaa20002Finding Skipped(string checkId, TargetUser? user, string reason, IEnumerable<string>? evidence = null)
        {
            var finding = Make(checkId, user, FindingStatus.Skipped, "Not checked: " + reason, evidence);
            finding.SkipReason = reason;
            return finding;
        }

        /// <summary>The worst of the statuses: Fail over Warning over Pass.</summary>
        public static FindingStatus Worst(IEnumerable<FindingStatus> statuses)
        {
            var all = statuses.ToList();
            return all.Contains(FindingStatus.Fail) ? FindingStatus.Fail : all.Contains(FindingStatus.Warning) ? FindingStatus.Warning : FindingStatus.Pass;
        }
    }
}
