using System;
using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Account;
using TeamsRemediation.Hosting;
using TeamsRemediation.Journal;
using TeamsRemediation.Platform;
using TeamsRemediation.Repair.Ports;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Repair.Wiring
{
    /// <summary>
    /// Rungs 4 and 6 per user on <see cref="UserSessionAccountReset"/>: Reset-TeamsWorkAccount's ladder, whose per-user steps run
    /// in the user's own session (from SYSTEM through the user bridge), limited to what the rung asks for.
    /// </summary>
    public sealed class UserSessionRepairs : IUserRepairs
    {
        private readonly IMachine machine;
        private readonly string moduleManifestPath;

        /// <param name="machine">The PC.</param>
        /// <param name="moduleManifestPath">The manifest the user's session imports.</param>
        public UserSessionRepairs(IMachine machine, string moduleManifestPath)
        {
            this.machine = machine;
            this.moduleManifestPath = moduleManifestPath;
        }

        public RungOutcome ResetAccount(TargetUser user, IRemediationHost host) => Run(user, host, new WorkAccountResetOptions
        {
            RemoveWamOverrides = true,
        }, AccountResetStepName.BrokerPlugin, AccountResetStepName.WamAccounts, AccountResetStepName.Credentials,
            AccountResetStepName.WamOverrides);

        public RungOutcome RepairBroker(TargetUser user, IRemediationHost host) => Run(user, host, new WorkAccountResetOptions
        {
            ClearTokenBrokerAccounts = true,
        }, AccountResetStepName.TokenBrokerAccounts);

        public RungOutcome ResetApp(TargetUser user, IRemediationHost host) => Run(user, host, new WorkAccountResetOptions
        {
            ResetTeamsApp = true,
        }, AccountResetStepName.TeamsApp);

        private RungOutcome Run(TargetUser user, IRemediationHost host, WorkAccountResetOptions options, params AccountResetStepName[] steps)
        {
            options.ModuleManifestPath = moduleManifestPath;
            options.Steps.UnionWith(steps);
            var reset = new UserSessionAccountReset(machine, host, options);
            IReadOnlyList<TeamsAccountResetStep> done;
            try
            {
                done = reset.Reset(new[] { user });
            }
            catch (JournalWriteException e)
            {
                host.Error(e.Error);
                return new RungOutcome(RepairStepStatus.Failed, e.Error.Message);
            }

            var detail = string.Join("; ", done.Select(s => s.Step + " " + s.Status + (s.Detail.Length > 0 ? ": " + s.Detail : string.Empty)));
            var journal = !reset.Journal.IsEmpty ? reset.Journal.Path
                : done.Select(s => s.BackupPath).FirstOrDefault(p => p.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)) ?? string.Empty;
            return new RungOutcome(Status(done), detail, journal, done.Any(s => s.RestartRequired));
        }

        /// <summary>Failed wins; a step only the user's session can do, left undone, is the user's; any change is Done.</summary>
        private static RepairStepStatus Status(IReadOnlyList<TeamsAccountResetStep> steps)
        {
            if (steps.Any(s => s.Status == AccountResetStatus.Failed))
            {
                return RepairStepStatus.Failed;
            }

            if (steps.Any(s => s.Status == AccountResetStatus.RequiresUserContext))
            {
                return RepairStepStatus.NeedsUser;
            }

            if (steps.Any(s => s.Status == AccountResetStatus.WhatIf))
            {
                return RepairStepStatus.WhatIf;
            }

            return steps.Any(s => s.Status == AccountResetStatus.Done) ? RepairStepStatus.Done : RepairStepStatus.Skipped;
        }
    }
}
