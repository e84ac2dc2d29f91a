using System;
using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Codes;
using TeamsRemediation.Diagnostics;

namespace TeamsRemediation.Fleet
{
    /// <summary>
    /// Adds up fleet rows as they stream by: per device, the causes found before and after the remediation and what the
    /// remediation said; nothing else is kept, so memory grows with the devices (a few dozen bytes each), not the rows.
    /// <see cref="Finish"/> turns that into the verdicts, per cause and per device.
    /// </summary>
    public sealed class FleetTally
    {
        /// <summary>How many devices each cause keeps for the page (the newest), so a 40,000-device cause stays a readable list.</summary>
        public const int DevicesKeptPerCause = 50;

        private readonly Dictionary<string, DeviceState> devices = new Dictionary<string, DeviceState>(StringComparer.OrdinalIgnoreCase);
        private readonly List<CauseKey> causes = new List<CauseKey>();
        // Keyed by value (check, code, owner), so looking a row's cause up allocates nothing; the CauseKey is made once per cause.
        private readonly Dictionary<(string CheckId, string Code, FindingOwner Owner), int> causeIds =
            new Dictionary<(string CheckId, string Code, FindingOwner Owner), int>();

        public long Rows { get; private set; }

        public void Add(TeamsRemediationFleetRow row)
        {
            Rows++;
            if (row.ComputerName.Length == 0)
            {
                return;
            }

            if (!devices.TryGetValue(row.ComputerName, out var device))
            {
                device = new DeviceState(row.ComputerName);
                devices.Add(row.ComputerName, device);
            }

            if (row.Time.HasValue && (!device.Time.HasValue || row.Time.Value > device.Time.Value))
            {
                device.Time = row.Time;
            }

            if (device.User.Length == 0 && row.User.Length > 0)
            {
                device.User = row.User;
            }

            switch (row.Phase)
            {
                case FleetPhase.Remediation:
                    device.Remediation = row.Outcome;
                    device.ExitCode = row.ExitCode ?? device.ExitCode;
                    return;
                case FleetPhase.Post:
                    device.Rechecked = true;
                    break;
            }

            var cause = CauseOf(row);
            if (cause >= 0)
            {
                Include(row.Phase == FleetPhase.Post ? device.After ??= new List<int>(2) : device.Before ??= new List<int>(2), cause);
            }
        }

        /// <summary>The verdicts: per cause (most devices first) and per device.</summary>
        public FleetReport Finish()
        {
            var tallies = causes.Select(c => new CauseTally(c)).ToList();
            var totals = new Dictionary<FleetVerdict, int>();
            foreach (FleetVerdict v in Enum.GetValues(typeof(FleetVerdict)))
            {
                totals[v] = 0;
            }

            int failingBefore = 0, failingAfter = 0;
            foreach (var device in devices.Values)
            {
                var verdict = FleetVerdict.Healthy;
                var remediation = new RemediationSaid(device);
                foreach (var cause in device.Causes())
                {
                    var v = VerdictOf(device, causes[cause], remediation);
                    tallies[cause].Add(device, v);
                    verdict = Worse(verdict, v);
                }

                totals[verdict]++;
                failingBefore += device.Before != null && device.Before.Count > 0 ? 1 : 0;
                failingAfter += device.Rechecked ? (device.After != null && device.After.Count > 0 ? 1 : 0)
                    : device.Before != null && device.Before.Count > 0 ? 1 : 0;
            }

            return new FleetReport(tallies.Where(t => t.Devices > 0).OrderByDescending(t => t.Devices).ThenBy(t => t.Key.CheckId,
                StringComparer.Ordinal)
                .ThenBy(t => t.Key.Code, StringComparer.Ordinal).Select(t => t.ToCause()).ToList(),
                devices.Count, failingBefore, failingAfter, totals, Rows, DevicesOut);
        }

        /// <summary>Every device before and after, in the order first seen.</summary>
        private IEnumerable<TeamsRemediationFleetDevice> DevicesOut()
        {
            foreach (var device in devices.Values)
            {
                var verdict = FleetVerdict.Healthy;
                var remediation = new RemediationSaid(device);
                foreach (var cause in device.Causes())
                {
                    verdict = Worse(verdict, VerdictOf(device, causes[cause], remediation));
                }

                yield return new TeamsRemediationFleetDevice
                {
                    ComputerName = device.Name,
                    User = device.User,
                    Time = device.Time,
                    Before = (device.Before ?? new List<int>()).Select(c => causes[c].Label).ToArray(),
                    After = (device.After ?? new List<int>()).Select(c => causes[c].Label).ToArray(),
                    Rechecked = device.Rechecked,
                    Remediation = device.Remediation,
                    ExitCode = device.ExitCode,
                    Verdict = verdict,
                };
            }
        }

        /// <summary>The verdict rule of <see cref="FleetVerdict"/>, for one device and one of its causes.</summary>
        private static FleetVerdict VerdictOf(DeviceState device, CauseKey cause, RemediationSaid remediation)
        {
            var id = cause.Id;
            if (device.Rechecked && (device.After == null || !device.After.Contains(id)))
            {
                return FleetVerdict.Fixed;
            }

            if (IsOutsideThePc(cause.Owner))
            {
                return FleetVerdict.NeedsAdmin;
            }

            if (remediation.Restart)
            {
                return FleetVerdict.NeedsRestart;
            }

            return device.Rechecked && remediation.Success ? FleetVerdict.Recurred : FleetVerdict.NotFixed;
        }

        /// <summary>What a device's remediation said, read once per device rather than once per cause.</summary>
        private readonly struct RemediationSaid
        {
            public RemediationSaid(DeviceState device)
            {
                // The repair's state names a restart beside another outcome too ("NeedsAdmin+Restart"); Intune's state says only success or
                // not.
                var outcomes = device.Remediation.Split('+');
                Restart = outcomes.Contains(nameof(RepairOutcome.NeedsReboot)) || outcomes.Contains("Restart")
                    || device.ExitCode == RepairVerdictExit.Restart;
                Success = outcomes.Contains("Success") || outcomes.Contains(nameof(RepairOutcome.Fixed));
            }

            public bool Restart { get; }

            public bool Success { get; }
        }

        /// <summary>The device's verdict is the most pressing of its causes': NotFixed, Recurred, NeedsRestart, NeedsAdmin, Fixed, Healthy.</summary>
        private static FleetVerdict Worse(FleetVerdict a, FleetVerdict b) => (int)a >= (int)b ? a : b;

        private int CauseOf(TeamsRemediationFleetRow row)
        {
            (string CheckId, string Code, FindingOwner Owner) key;
            if (row.CheckId.Length == 0)
            {
                if (row.Outcome != DiagnosisSummary.NonCompliant)
                {
                    return -1;
                }

                key = (string.Empty, string.Empty, FindingOwner.Device);
            }
            else
            {
                var owner = row.Owner ?? CheckIds.DefaultOwner(row.CheckId);
                if (row.Status != FindingStatus.Fail && (row.Status != FindingStatus.Warning || !IsOutsideThePc(owner)))
                {
                    return -1;
                }

                // A warning only the user or the tenant admin can answer (Conditional Access, MFA) stops sign-in all the same: the
                // detection calls it a warning because nothing on the PC fixes it, and that is exactly what the admin must see.
                key = (row.CheckId, row.Code, owner);
            }

            if (!causeIds.TryGetValue(key, out var id))
            {
                id = causes.Count;
                causes.Add(new CauseKey(key.CheckId, key.Code, key.Owner) { Id = id });
                causeIds.Add(key, id);
            }

            return id;
        }

        /// <summary>Owned by the user, the tenant admin or the PC's administrator, as RepairVerdict's NeedsAdmin reads it.</summary>
        private static bool IsOutsideThePc(FindingOwner owner) => Repair.PcFixability.IsOutsideThePc(owner);

        private static void Include(List<int> set, int cause)
        {
            if (!set.Contains(cause))
            {
                set.Add(cause);
            }
        }

        /// <summary>Exit codes of the repair contract (RepairVerdict.ExitCode) the verdict reads.</summary>
        private static class RepairVerdictExit
        {
            public static readonly int Restart = Repair.RepairVerdict.ExitCode(RepairOutcome.NeedsReboot);
        }

        private sealed class DeviceState
        {
            public DeviceState(string name)
            {
                Name = name;
            }

            public string Name { get; }

            public string User { get; set; } = string.Empty;

            public DateTime? Time { get; set; }

            public List<int>? Before { get; set; }

            public List<int>? After { get; set; }

            public bool Rechecked { get; set; }

            public string Remediation { get; set; } = string.Empty;

            public int? ExitCode { get; set; }

            public IEnumerable<int> Causes()
            {
                if (Before != null)
                {
                    foreach (var c in Before)
                    {
                        yield return c;
                    }
                }

                if (After != null)
                {
                    foreach (var c in After)
                    {
                        if (Before == null || !Before.Contains(c))
                        {
                            yield return c;
                        }
                    }
                }
            }
        }

        private sealed class CauseKey
        {
            public CauseKey(string checkId, string code, FindingOwner owner)
            {
                CheckId = checkId;
                Code = code;
                Owner = owner;
            }

            public string CheckId { get; }

            public string Code { get; }

            public FindingOwner Owner { get; }

            public int Id { get; set; }

            public string Label => CheckId.Length == 0 ? "NonCompliant" : Code.Length == 0 ? CheckId : CheckId + " " + Code;
        }

        private sealed class CauseTally
        {
            private readonly List<FleetDeviceEntry> newest = new List<FleetDeviceEntry>();
            private readonly int[] counts = new int[Enum.GetValues(typeof(FleetVerdict)).Length];

            public CauseTally(CauseKey key)
            {
                Key = key;
            }

            public CauseKey Key { get; }

            public int Devices { get; private set; }

            public void Add(DeviceState device, FleetVerdict verdict)
            {
                Devices++;
                counts[(int)verdict]++;
                // Most devices of a large cause are not among its newest: they are turned away before an entry is made for them.
                if (newest.Count == DevicesKeptPerCause && !IsNewer(device.Time, device.Name, newest[newest.Count - 1]))
                {
                    return;
                }

                var entry = new FleetDeviceEntry(device.Name, device.User, device.Time, verdict);
                var at = newest.FindIndex(e => IsNewer(entry.Time, entry.ComputerName, e));
                newest.Insert(at < 0 ? newest.Count : at, entry);
                if (newest.Count > DevicesKeptPerCause)
                {
                    newest.RemoveAt(newest.Count - 1);
                }
            }

            public TeamsRemediationFleetCause ToCause() => new TeamsRemediationFleetCause
            {
                CheckId = Key.CheckId,
                Code = Key.Code,
                Owner = Key.Owner,
                Meaning = Key.Code.Length > 0 ? CodeCatalog.Explain(Key.Code).Meaning
                    : Key.CheckId.Length == 0 ? "the detection said NonCompliant and named no check" : "the check " + Key.CheckId + " failed",
                Devices = Devices,
                Fixed = Count(FleetVerdict.Fixed),
                Recurred = Count(FleetVerdict.Recurred),
                NeedsRestart = Count(FleetVerdict.NeedsRestart),
                NeedsAdmin = Count(FleetVerdict.NeedsAdmin),
                NotFixed = Count(FleetVerdict.NotFixed),
                NewestDevices = newest.Take(5).Select(e => e.ComputerName).ToArray(),
                NewestTime = newest.Count > 0 ? newest[0].Time : null,
                Behind = newest.ToArray(),
            };

            private int Count(FleetVerdict verdict) => counts[(int)verdict];

            /// <summary>Newer time first; a device without a time after every device with one; then by name, so the order is stable.</summary>
            private static bool IsNewer(DateTime? time, string computerName, FleetDeviceEntry b)
            {
                if (time.HasValue != b.Time.HasValue)
                {
                    return time.HasValue;
                }

                if (time.HasValue && time.Value != b.Time!.Value)
                {
                    return time.Value > b.Time.Value;
                }

                return string.CompareOrdinal(computerName, b.ComputerName) < 0;
            }
        }
    }
}
