using System;
using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Answers;
using TeamsRemediation.Codes;
using TeamsRemediation.Hosting;
using TeamsRemediation.Platform;
using TeamsRemediation.Repair.Ports;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Repair
{
    /// <summary>What every rung of one repair shares: the PC, the host, the services, the users, and the findings as they stand now.</summary>
    internal sealed class RepairRun
    {
        private readonly List<TeamsCaa20002Finding> findings;
        private readonly Dictionary<string, FindingOwner> handedOver = new Dictionary<string, FindingOwner>(StringComparer.OrdinalIgnoreCase);

        public RepairRun(IMachine machine, IRemediationHost host, RepairOptions options, RepairServices services, Recheck recheck,
            IReadOnlyList<TargetUser> users, IReadOnlyList<TeamsCaa20002Finding> before)
        {
            Machine = machine;
            Host = host;
            Options = options;
            Services = services;
            RecheckRows = recheck;
            Users = users;
            Before = before;
            findings = before.ToList();
        }

        public IMachine Machine { get; }

        public IRemediationHost Host { get; }

        public RepairOptions Options { get; }

        public RepairServices Services { get; }

        public Recheck RecheckRows { get; }

        public IReadOnlyList<TargetUser> Users { get; }

        public IReadOnlyList<TeamsCaa20002Finding> Before { get; }

        public IReadOnlyList<TeamsCaa20002Finding> Findings => findings;

        /// <summary>The report folder of this run, once rung 1 wrote one.</summary>
        public string? ReportPath { get; set; }

        /// <summary>False until the evidence was copied: nothing that destroys evidence runs before that.</summary>
        public bool EvidenceSecured { get; set; }

        public bool RebootRequired { get; set; }

        /// <summary>True once a step was answered -WhatIf.</summary>
        public bool WhatIf { get; private set; }

        /// <summary>Set by a rung after which nothing may climb on (nothing the PC can fix).</summary>
        public bool Stopped { get; set; }

        public List<string> JournalPaths { get; } = new List<string>();

        /// <summary>The causes a step of this run has repaired so far.</summary>
        public HashSet<CodeCause> Addressed { get; } = new HashSet<CodeCause>();

        /// <summary>
        /// Records that a step repaired these causes, and returns the user's evidence rows whose every cause the PC can fix has now
        /// been repaired: only those are read again, so evidence of a cause nobody repaired is never cleared by another step.
        /// </summary>
        private List<TeamsCaa20002Finding> EvidenceAddressed(IEnumerable<CodeCause> causes, TargetUser? user)
        {
            Addressed.UnionWith(causes);
            var users = user != null ? new[] { user } : Users.ToArray();
            return users.SelectMany(u => Matching(f => RepairProblems.IsEvidence(f) && PcFixability.IsProblem(f), u))
                .Where(f => RepairProblems.FixableCauses(f).Count > 0 && RepairProblems.FixableCauses(f).All(Addressed.Contains))
                .ToList();
        }

        /// <summary>The steps so far, in order.</summary>
        public List<TeamsRepairStep> Steps { get; } = new List<TeamsRepairStep>();

        /// <summary>True when a step of one of these names ran for the user and changed, or tried to change, something.</summary>
        public bool Tried(TargetUser user, params RepairStepName[] names) => Steps.Any(s => names.Contains(s.Step)
            && s.UserSid.Equals(user.Sid, StringComparison.OrdinalIgnoreCase)
            && (s.Status == RepairStepStatus.Done || s.Status == RepairStepStatus.Failed));

        /// <summary>What this run acts on: the problems, and the "not Teams" warnings when the caller asked for them (-IncludeDotNetTls).</summary>
        public IReadOnlyList<TeamsCaa20002Finding> Problems => PcFixability.Problems(findings, Options.IncludeDotNetTls);

        /// <summary>The machine's findings (user null) or one user's that match.</summary>
        public List<TeamsCaa20002Finding> Matching(Func<TeamsCaa20002Finding, bool> test, TargetUser? user = null) => findings
            .Where(f => test(f) && (user == null ? f.UserSid.Length == 0 : f.UserSid.Equals(user.Sid, StringComparison.OrdinalIgnoreCase)))
            .ToList();

        /// <summary>A step result stamped for this PC and user, with the findings that called for it.</summary>
        public TeamsRepairStep Step(RepairRung rung, RepairStepName name, TargetUser? user, string action,
            IEnumerable<TeamsCaa20002Finding> calling) =>
            new TeamsRepairStep
            {
                ComputerName = Machine.ComputerName,
                User = user?.UserName ?? string.Empty,
                UserSid = user?.Sid ?? string.Empty,
                Rung = rung,
                Step = name,
                Action = action,
                Before = calling.Select(RepairProblems.Describe).ToArray(),
                Timestamp = Machine.Clock.UtcNow.UtcDateTime,
            };

        public static TeamsRepairStep Finish(TeamsRepairStep step, RepairStepStatus status, string detail)
        {
            step.Status = status;
            step.Detail = detail;
            return step;
        }

        /// <summary>
        /// Finishes a step whose rung this run may not climb to: what stops it (-MaximumRung, or for the disruptive rung the
        /// missing switch) and how to allow it.
        /// </summary>
        public TeamsRepairStep NotOptedIn(TeamsRepairStep step, RepairRung rung, string switchName = "")
        {
            var allow = (switchName.Length > 0 ? switchName + " or " : string.Empty) + "-MaximumRung " + rung;
            return Finish(step, RepairStepStatus.NotOptedIn, rung == RepairRung.Disruptive
                ? "Disruptive, so never by default: run with " + allow + " to allow it."
                : "-MaximumRung " + Options.MaximumRung + " stops below the " + RungWords(rung) + " rung; run with " + allow + " or higher.");
        }

        private static string RungWords(RepairRung rung) => rung == RepairRung.UserAccount ? "user account" : rung.ToString().ToLowerInvariant();

        /// <summary>Skips a step that could destroy evidence rung 1 did not secure; <paramref name="consequence"/> says what was spared.</summary>
        public static TeamsRepairStep EvidenceNotCopied(TeamsRepairStep step, string consequence) => Finish(step, RepairStepStatus.Skipped,
            "The evidence could not be copied first (see the EvidenceCopy step), so " + consequence);

        /// <summary>Asks once for the whole step, its cost in the question; a declined step is finished as WhatIf or Skipped.</summary>
        public bool Approve(TeamsRepairStep step, string target)
        {
            var consent = Host.Ask(target, step.Action + (step.Cost.Length > 0 ? " (" + step.Cost + ")" : string.Empty));
            if (consent == Consent.Yes)
            {
                return true;
            }

            WhatIf |= consent == Consent.WhatIf;
            Finish(step, consent == Consent.WhatIf ? RepairStepStatus.WhatIf : RepairStepStatus.Skipped,
                (consent == Consent.WhatIf ? "What if: " : "Declined: ") + step.Action
                + (step.Cost.Length > 0 ? "; " + step.Cost : string.Empty) + ".");
            return false;
        }

        /// <summary>
        /// Writes, once a step is approved and before it changes anything, which causes it answers for these users (null: everyone on the
        /// PC), so the next detection stops counting evidence logged before it. When the record cannot be written the step changes
        /// nothing: it is finished Failed and the error reported, and false returned.
        /// </summary>
        public bool RecordAnswer(TeamsRepairStep step, IEnumerable<CodeCause> causes, IEnumerable<TargetUser>? users)
        {
            var by = "Repair-TeamsCaa20002 " + step.Rung + "/" + step.Step;
            var records = AnswerRecord.ForChange(Machine, causes, users, by, ReportPath ?? string.Empty);
            try
            {
                if (records.Count > 0 && !AnswerLedger.Write(Machine, records))
                {
                    Host.Verbose("Not recorded as answered (only SYSTEM or an elevated run writes the protected record folder): the next "
                        + "detection still counts the evidence " + by + " answers.");
                }

                return true;
            }
            catch (AnswerRecordException e)
            {
                Host.Error(e.Error);
                Finish(step, RepairStepStatus.Failed, e.Error.Message);
                return false;
            }
        }

        /// <summary>The admin pack written in this run, if one was.</summary>
        public AdminPack? AdminPack { get; private set; }

        /// <summary>Takes a service's outcome into the step; its journal and restart go into the summary.</summary>
        public TeamsRepairStep Apply(TeamsRepairStep step, RungOutcome outcome)
        {
            Finish(step, outcome.Status, outcome.Detail);
            step.JournalPath = outcome.JournalPath;
            step.ReportPath = outcome.ReportPath;
            step.RebootRequired = outcome.RebootRequired;
            RebootRequired |= outcome.RebootRequired;
            AdminPack = outcome.AdminPack ?? AdminPack;
            if (outcome.JournalPath.Length > 0 && !JournalPaths.Contains(outcome.JournalPath, StringComparer.OrdinalIgnoreCase))
            {
                JournalPaths.Add(outcome.JournalPath);
            }

            return step;
        }

        /// <summary>
        /// Runs the rows that called for a step again (evidence counts only from <paramref name="since"/> on), puts them in
        /// place of the old ones and onto the step's After.
        /// </summary>
        public void Recheck(TeamsRepairStep step, IEnumerable<TeamsCaa20002Finding> calling, DateTimeOffset since, TargetUser? user = null)
        {
            var rows = calling.ToList();
            var ids = new HashSet<string>(rows.Select(f => f.CheckId), StringComparer.OrdinalIgnoreCase);
            if (ids.Count == 0)
            {
                return;
            }

            var targets = user != null ? new[] { user } : Users.Where(u => rows.Any(f => f.UserSid.Equals(u.Sid, StringComparison.OrdinalIgnoreCase)))
                .ToArray();
            var window = Machine.Clock.UtcNow - since;
            var fresh = RecheckRows(ids, targets, window > TimeSpan.Zero ? window : TimeSpan.Zero)
                .Where(f => rows.Any(r => Same(r, f)))
                .ToList();
            foreach (var row in fresh)
            {
                var at = findings.FindIndex(f => Same(f, row));
                if (at >= 0)
                {
                    findings[at] = row;
                }
            }

            step.After = fresh.Select(RepairProblems.Describe).ToArray();
        }

        /// <summary>
        /// <see cref="Recheck(TeamsRepairStep, IEnumerable{TeamsCaa20002Finding}, DateTimeOffset, TargetUser?)"/> of the rows that
        /// called for a step and of the evidence whose every fixable cause is now repaired (these causes included).
        /// </summary>
        public void Recheck(TeamsRepairStep step, IEnumerable<TeamsCaa20002Finding> calling, IEnumerable<CodeCause> causes, DateTimeOffset since,
            TargetUser? user = null) => Recheck(step, calling.Concat(EvidenceAddressed(causes, user)), since, user);

        /// <summary>Marks a problem as the admin's or the user's to fix: the verdict then counts it as theirs, not as NotFixed.</summary>
        public void HandOver(TeamsCaa20002Finding finding, FindingOwner owner) => handedOver[Key(finding)] = owner;

        public FindingOwner OwnerOf(TeamsCaa20002Finding finding) => handedOver.TryGetValue(Key(finding), out var owner) ? owner : finding.Owner;

        private static bool Same(TeamsCaa20002Finding a, TeamsCaa20002Finding b) =>
            a.CheckId == b.CheckId && a.UserSid.Equals(b.UserSid, StringComparison.OrdinalIgnoreCase);

        private static string Key(TeamsCaa20002Finding f) => f.CheckId + "|" + f.UserSid;
    }
}
