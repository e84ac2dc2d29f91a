using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TeamsRemediation.Account;
using TeamsRemediation.Codes;
using TeamsRemediation.Hosting;
using TeamsRemediation.Platform;
using TeamsRemediation.Repair.Ports;
using TeamsRemediation.Simulation;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Tests.Repair
{
    /// <summary>
    /// Rung services for the ladder's tests that really change the simulated PC the way the real ones change Windows (the
    /// evidence is copied for real, a WAM override really removed), and note each call in order.
    /// </summary>
    internal sealed class FakeRepairs : IEvidenceCopier, IAdminPack, IMachineRepairs, IUserRepairs
    {
        private readonly SimulatedMachine machine;

        public FakeRepairs(SimulatedMachine machine)
        {
            this.machine = machine;
            ReportFolder = Path.Combine(machine.ProgramDataPath, "TeamsRemediation", "Reports", Guid.NewGuid().ToString("N"));
        }

        public List<string> Calls { get; } = new List<string>();

        public string ReportFolder { get; }

        /// <summary>What the evidence copy saw of each user's cache when it ran: "path: exists".</summary>
        public List<string> CacheSeenAtCopy { get; } = new List<string>();

        public RepairStepStatus ClockAnswer { get; set; } = RepairStepStatus.Done;

        /// <summary>True: the evidence copy fails, as when the report folder cannot be created.</summary>
        public bool EvidenceCopyFails { get; set; }

        public string Describe(IReadOnlyList<TargetUser> users, TimeSpan since) =>
            "the Teams logs of " + string.Join(", ", users.Select(u => u.UserName));

        public RungOutcome Copy(IReadOnlyList<TargetUser> users, TimeSpan since)
        {
            Calls.Add("Evidence");
            if (EvidenceCopyFails)
            {
                // What the real copier answers when the report folder cannot be made: nothing copied, no folder.
                return new RungOutcome(RepairStepStatus.Failed, "The report folder could not be created: access denied.");
            }

            foreach (var user in users)
            {
                var logs = TeamsLayout.NewLogFolder(user.Folders);
                var gpu = Path.Combine(TeamsLayout.NewCacheRoot(user.Folders), "EBWebView", "WV2Profile_tfw", "GPUCache");
                CacheSeenAtCopy.Add(gpu + ": " + Directory.Exists(gpu) + " " + (Directory.Exists(gpu) ? Directory.GetFiles(gpu).Length : 0));
                if (Directory.Exists(logs))
                {
                    var into = Directory.CreateDirectory(Path.Combine(ReportFolder, user.Sid, "Logs")).FullName;
                    foreach (var file in Directory.GetFiles(logs))
                    {
                        File.Copy(file, Path.Combine(into, Path.GetFileName(file)));
                    }
                }
            }

            return new RungOutcome(RepairStepStatus.Done, "copied", reportPath: ReportFolder);
        }

        public RungOutcome Write(IReadOnlyList<TeamsCaa20002Finding> findings, IReadOnlyList<TargetUser> users, string? reportFolder,
            IReadOnlyCollection<CodeCause> repaired)
        {
            Calls.Add("AdminPack");
            var folder = Directory.CreateDirectory(reportFolder ?? ReportFolder).FullName;
            var pack = Path.Combine(folder, "AdminPack.txt");
            File.WriteAllLines(pack, findings.Select(f => f.CheckId + " " + f.Summary));
            return new RungOutcome(RepairStepStatus.Done, "Admin pack: " + pack, reportPath: folder);
        }

        public MachineRepairPlan PlanClockResync(TeamsCaa20002Finding clockFinding)
        {
            if (ClockAnswer != RepairStepStatus.Done)
            {
                return new MachineRepairPlan(new RungOutcome(ClockAnswer, "the time source is set by policy"), null);
            }

            return new MachineRepairPlan(new RungOutcome(RepairStepStatus.WhatIf, "would resync", cost: "no one is signed out"), host =>
            {
                Calls.Add("Clock");
                machine.SimulatedNetwork.ServerClockOffset = TimeSpan.Zero;
                return new RungOutcome(RepairStepStatus.Done, "resynced");
            });
        }

        public MachineRepairPlan PlanDnsFlush() =>
            new MachineRepairPlan(new RungOutcome(RepairStepStatus.WhatIf, "would flush", cost: "no one is signed out"), host =>
            {
                Calls.Add("Dns");
                machine.SimulatedNetwork.Declare("login.microsoftonline.com", ProbeOutcome.Ok, "TLS 1.2 works (HTTP 200).");
                return new RungOutcome(RepairStepStatus.Done, "flushed");
            });

        public RungOutcome ResetAccount(TargetUser user, IRemediationHost host)
        {
            Calls.Add("Account " + user.UserName);
            var key = new RegistryKeyPath(RegistryHive.Users, user.Sid + "\\" + AccountLayout.IdentityKeyPath);
            if (machine.SimulatedRegistry.GetValue(key, "DisableAADWAM") != null)
            {
                machine.SimulatedRegistry.DeleteValue(key, "DisableAADWAM");
            }

            machine.SimulatedRegistry.CreateKey(new RegistryKeyPath(RegistryHive.LocalMachine, TeamsLayout.AppxAllUserStorePath + "\\" + user.Sid
                + "\\Microsoft.AAD.BrokerPlugin_1000.19580.1000.0_neutral_neutral_cw5n1h2txyewy"));
            return new RungOutcome(RepairStepStatus.Done, "reset", Path.Combine(machine.ProgramDataPath, "journal.xml"));
        }

        public RungOutcome RepairBroker(TargetUser user, IRemediationHost host)
        {
            Calls.Add("Broker " + user.UserName);
            return new RungOutcome(RepairStepStatus.Done, "broker accounts emptied", rebootRequired: true);
        }

        public RungOutcome ResetApp(TargetUser user, IRemediationHost host)
        {
            Calls.Add("App " + user.UserName);
            return new RungOutcome(RepairStepStatus.Done, "reset");
        }
    }
}
