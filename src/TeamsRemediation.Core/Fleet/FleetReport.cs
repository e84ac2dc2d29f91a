using System;
using System.Collections.Generic;

namespace TeamsRemediation.Fleet
{
    /// <summary>A device behind a cause's bar on the page: its name, user, newest time and verdict on that cause.</summary>
    public sealed class FleetDeviceEntry
    {
        public FleetDeviceEntry(string computerName, string user, DateTime? time, FleetVerdict verdict)
        {
            ComputerName = computerName;
            User = user;
            Time = time;
            Verdict = verdict;
        }

        public string ComputerName { get; }

        public string User { get; }

        public DateTime? Time { get; }

        public FleetVerdict Verdict { get; }
    }

    /// <summary>What <see cref="FleetTally.Finish"/> found: the causes, the totals before and after, and every device on demand.</summary>
    public sealed class FleetReport
    {
        private readonly Func<IEnumerable<TeamsRemediationFleetDevice>> devices;

        internal FleetReport(IReadOnlyList<TeamsRemediationFleetCause> causes, int deviceCount, int failingBefore, int failingAfter,
            IReadOnlyDictionary<FleetVerdict, int> verdicts, long rows, Func<IEnumerable<TeamsRemediationFleetDevice>> devices)
        {
            Causes = causes;
            DeviceCount = deviceCount;
            FailingBefore = failingBefore;
            FailingAfter = failingAfter;
            Verdicts = verdicts;
            Rows = rows;
            this.devices = devices;
        }

        /// <summary>Most devices first.</summary>
        public IReadOnlyList<TeamsRemediationFleetCause> Causes { get; }

        public int DeviceCount { get; }

        /// <summary>Devices whose first detection found a cause.</summary>
        public int FailingBefore { get; }

        /// <summary>Devices whose latest detection (after the remediation where one ran, else the first) still found a cause.</summary>
        public int FailingAfter { get; }

        /// <summary>Devices per verdict (each device counted once, by its most pressing cause).</summary>
        public IReadOnlyDictionary<FleetVerdict, int> Verdicts { get; }

        public long Rows { get; }

        /// <summary>Every device, before and after, computed as it is enumerated.</summary>
        public IEnumerable<TeamsRemediationFleetDevice> Devices() => devices();
    }
}
