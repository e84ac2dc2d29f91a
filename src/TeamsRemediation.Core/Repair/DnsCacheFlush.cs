using System;
using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Errors;
using TeamsRemediation.Hosting;
using TeamsRemediation.Logging;
using TeamsRemediation.Platform;
using TeamsRemediation.Text;

namespace TeamsRemediation.Repair
{
    /// <summary>
    /// Rung 3, DNS: when a sign-in name did not resolve, flushes the DNS client's resolver cache (which keeps failed lookups
    /// for a while) with `ipconfig /flushdns`, Microsoft's documented command for it (DnsFlushResolverCache, the function
    /// behind it, is not documented). The plan probes the sign-in endpoints once, and its probes are the ones before the
    /// flush: a silent endpoint costs its timeout once. Whether the names resolve afterwards is the endpoint check's to say
    /// when it runs again (the ladder's check after the step), so nothing here probes a second time. Only the exit code is
    /// read: ipconfig's text is localized.
    /// </summary>
    public sealed class DnsCacheFlush
    {
        public const string Command = "ipconfig /flushdns";

        public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

        private readonly IMachine machine;
        private readonly IRemediationHost host;
        private readonly MachineLog log;

        public DnsCacheFlush(IMachine machine, IRemediationHost host, MachineLog log)
        {
            this.machine = machine ?? throw new ArgumentNullException(nameof(machine));
            this.host = host ?? throw new ArgumentNullException(nameof(host));
            this.log = log ?? throw new ArgumentNullException(nameof(log));
        }

        /// <summary>Plans and, once the host agrees, flushes.</summary>
        public MachineActionResult Run(IReadOnlyList<ProbeEndpoint> endpoints, ProxyRoute? proxy, TimeSpan probeTimeout) =>
            Flush(Plan(machine, endpoints, proxy, probeTimeout));

        /// <summary>
        /// Probes the endpoints once, changing nothing and asking nothing: NotNeeded when every name resolves, else WhatIf with the
        /// names that did not resolve and the probes as evidence, ready for <see cref="Flush"/>.
        /// </summary>
        /// <param name="machine">The PC.</param>
        /// <param name="endpoints">The sign-in endpoints of the PC's cloud (those the diagnosis probes).</param>
        /// <param name="proxy">The route the diagnosis found (null: direct).</param>
        /// <param name="probeTimeout">One deadline for the round of probes.</param>
        public static MachineActionResult Plan(IMachine machine, IReadOnlyList<ProbeEndpoint> endpoints, ProxyRoute? proxy, TimeSpan probeTimeout)
        {
            if (machine is null)
            {
                throw new ArgumentNullException(nameof(machine));
            }

            if (endpoints is null || endpoints.Count == 0)
            {
                throw new ArgumentException("At least one endpoint to probe is required.", nameof(endpoints));
            }

            var result = new MachineActionResult
            {
                Action = MachineAction.DnsFlush,
                ComputerName = machine.ComputerName,
                Command = Command,
                Cost = "no one is signed out; every app on " + machine.ComputerName + " looks names up again once",
            };
            var before = Probe(machine, endpoints, proxy, probeTimeout);
            var unresolved = before.Where(r => r.Outcome == ProbeOutcome.NameNotResolved).ToList();
            result.Evidence = before.Select(r => "before: " + Line(r)).ToArray();
            if (unresolved.Count == 0)
            {
                var notProbed = NotProbed(before);
                result.Status = MachineActionStatus.NotNeeded;
                result.Reason = notProbed.Length == 0 ? "every sign-in name resolves."
                    : "no sign-in name failed to resolve, but " + notProbed + " could not be probed before the deadline (the PC was busy or "
                        + "the deadline short), so nothing is known to need a flush. " + Diagnostics.Remedies.LargerTimeout;
                return result;
            }

            result.Status = MachineActionStatus.WhatIf;
            result.Reason = "the sign-in " + Wording.Noun(unresolved.Count, "name") + " " + string.Join(", ", unresolved.Select(r => r.Endpoint.Host))
                + " did not resolve.";
            return result;
        }

        /// <summary>Carries out a plan that found a name not resolved: asks, records, flushes. Any other plan comes back as it is.</summary>
        public MachineActionResult Flush(MachineActionResult plan)
        {
            if (plan is null || plan.Action != MachineAction.DnsFlush)
            {
                throw new ArgumentException("A plan of DnsCacheFlush.Plan is required.", nameof(plan));
            }

            if (plan.Status != MachineActionStatus.WhatIf)
            {
                return plan;
            }

            if (!MachineActionRecord.Approve(host, log, plan, machine.ComputerName + " (DNS client resolver cache)", "Flush the cache ("
                + Command + ") because " + Wording.Clause(plan.Reason).TrimEnd('.') + ": " + plan.Cost, "the DNS cache is flushed"))
            {
                return plan;
            }

            var run = machine.Commands.Run(Windows.SystemTools.Resolve(machine, "ipconfig.exe"), "/flushdns", CommandTimeout);
            plan.ExitCode = run.Outcome == CommandOutcome.Completed ? run.ExitCode : (int?)null;
            if (!run.Succeeded)
            {
                plan.Status = MachineActionStatus.Failed;
                var outcome = run.Outcome == CommandOutcome.Completed ? "ipconfig exited with code " + run.ExitCode + "." : run.Describe("ipconfig");
                plan.Evidence = plan.Evidence.Concat(new[] { outcome }).ToArray();
                host.Error(ModuleErrors.DnsFlushFailed(machine.ComputerName, outcome));
                MachineActionRecord.Outcome(log, plan);
                return plan;
            }

            plan.Status = MachineActionStatus.Done;
            host.Verbose("DNS resolver cache of " + machine.ComputerName + " flushed; the endpoint check looks the names up again.");
            MachineActionRecord.Outcome(log, plan);
            return plan;
        }

        private static IReadOnlyList<EndpointProbeResult> Probe(IMachine machine, IReadOnlyList<ProbeEndpoint> endpoints, ProxyRoute? proxy,
            TimeSpan timeout)
        {
            // The probes end by their deadline whatever the network does; the grace covers reporting that they stopped.
            return new EndpointProbeChecks(machine, new FindingFactory(machine.ComputerName, machine.Clock.UtcNow.UtcDateTime))
                .StartProbes(endpoints, proxy, timeout, ProbeRound.FairTime(timeout)).Collect(timeout + Caa20002Diagnosis.Grace);
        }

        private static string NotProbed(IEnumerable<EndpointProbeResult> results) =>
            string.Join(", ", results.Where(r => r.Outcome == ProbeOutcome.NotProbed).Select(r => r.Endpoint.Host));

        private static string Line(EndpointProbeResult r) =>
            r.Endpoint.Host + ": " + r.Outcome + (r.Detail.Length > 0 ? " (" + FindingText.Clean(r.Detail) + ")" : string.Empty);
    }
}
