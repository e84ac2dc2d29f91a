using System;
using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Answers;
using TeamsRemediation.Codes;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Journal;
using TeamsRemediation.Repair.Ports;
using TeamsRemediation.Tls;
using TeamsRemediation.Text;

namespace TeamsRemediation.Repair.Rungs
{
    /// <summary>Rung 3: TLS 1.2 switched off is turned back on through Enable-Tls12's service; the restart it needs is carried along.</summary>
    internal sealed class TlsRung : IRepairRung
    {
        public IEnumerable<TeamsRepairStep> Run(RepairRun run)
        {
            Func<TeamsCaa20002Finding, bool> calls = f => RepairProblems.TlsOff(f) || run.Options.IncludeDotNetTls && PcFixability.IsNotTeams(f);
            var machineRows = run.Matching(calls);
            var userRows = run.Users.SelectMany(u => run.Matching(calls, u)).ToList();
            if (machineRows.Count == 0 && userRows.Count == 0)
            {
                yield break;
            }

            var calling = machineRows.Concat(userRows).ToList();
            var users = run.Users.Where(u => userRows.Any(f => f.UserSid.Equals(u.Sid, StringComparison.OrdinalIgnoreCase))).ToList();
            var machineScope = machineRows.Count > 0;
            var step = run.Step(RepairRung.Machine, RepairStepName.Tls, null, "Turn TLS 1.2 back on where it was switched off (Enable-Tls12"
                + (machineScope ? string.Empty : " -Scope User") + ")", calling);
            if (!run.Options.Allows(RepairRung.Machine))
            {
                yield return run.NotOptedIn(step, RepairRung.Machine);
                yield break;
            }

            var planned = new TlsConfigurator(run.Machine, StepHost.Planning(run.Host)).Run(machineScope, users)
                .Count(c => c.Reason.StartsWith("-WhatIf", StringComparison.Ordinal));
            step.Cost = "writes " + Wording.Count(planned, "registry value") + ", each journaled; Windows must restart before Teams sees it"
                + (users.Count > 0 ? "; " + string.Join(", ", users.Select(u => u.UserName)) + " must start Teams again" : string.Empty);
            if (!run.Approve(step, "TLS 1.2 registry values"))
            {
                yield return step;
                yield break;
            }

            if (machineScope && !run.Machine.Users.GetCurrentIdentity().IsElevated)
            {
                yield return RepairRun.Finish(step, RepairStepStatus.Failed,
                    "TLS 1.2 is off in HKEY_LOCAL_MACHINE, which needs administrator rights: run Repair-TeamsCaa20002 elevated or as SYSTEM. "
                    + "Nothing was changed.");
                yield break;
            }

            // HKLM answers every user's TLS errors; Internet Options alone only those of the users whose values are written.
            if (!run.RecordAnswer(step, AnsweredCauses.Tls, machineScope ? null : users))
            {
                yield return step;
                yield break;
            }

            var start = run.Machine.Clock.UtcNow;
            IReadOnlyList<TlsSettingChange>? changes = null;
            try
            {
                changes = new TlsConfigurator(run.Machine, StepHost.Approved(run.Host)).Run(machineScope, users);
            }
            catch (JournalWriteException e)
            {
                // The value whose record could not be written was not written, nor any after it.
                run.Host.Error(e.Error);
                RepairRun.Finish(step, RepairStepStatus.Failed, e.Error.Message);
            }

            if (changes == null)
            {
                yield return step;
                yield break;
            }

            var written = changes.Where(c => c.Action == TlsChangeAction.Created || c.Action == TlsChangeAction.Updated).ToList();
            var policy = changes.Where(c => c.Action == TlsChangeAction.ManagedByPolicy).ToList();
            var journal = written.Select(c => c.JournalPath).FirstOrDefault(p => p.Length > 0) ?? string.Empty;
            var reboot = written.Any(c => c.RebootRequired);
            run.Apply(step, new RungOutcome(written.Count > 0 ? RepairStepStatus.Done : RepairStepStatus.Skipped,
                Wording.Count(written.Count, "value") + " written" + (written.Count > 0
                    ? ": " + string.Join("; ", written.Select(c => c.Path + " [" + c.View + "] " + c.ValueName + " " + c.OldValue + " -> "
                        + c.NewValue))
                    : string.Empty)
                + (policy.Count > 0 ? "; " + Wording.Count(policy.Count, "value") + " set by policy, left alone for the policy's owner"
                    : string.Empty)
                + (reboot ? ". Restart Windows: SCHANNEL, WinHTTP and .NET read these at startup." : "."), journal, reboot));
            foreach (var row in userRows.Where(r => policy.Any(c => c.UserSid.Equals(r.UserSid, StringComparison.OrdinalIgnoreCase))))
            {
                run.HandOver(row, FindingOwner.TenantAdmin);
            }

            if (step.Status == RepairStepStatus.Done)
            {
                run.Recheck(step, calling, AnsweredCauses.Tls, start);
            }

            yield return step;
        }
    }
}
