using System;
using System.Collections.Generic;
using System.Linq;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Errors;
using TeamsRemediation.Hosting;
using TeamsRemediation.Logging;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Repair
{
    /// <summary>
    /// Rung 3, DNS: probes the sign-in endpoints; when a name did not resolve, flushes the DNS client's resolver cache
    /// (which keeps failed lookups for a while) with `ipconfig /flushdns`, Microsoft's documented command for it
    /// (DnsFlushResolverCache, the function behind it, is not documented), then probes those names again. Only the exit
    /// code is read: ipconfig's text is localized.
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

        /// <param name="endpoints">The sign-in endpoints of the PC's cloud (those the diagnosis probes).</param>
        /// <param name="proxy">The route the diagnosis found (null: direct).</param>
        /// <param name="probeTimeout">One deadline for each round of probes.</param>
        public MachineActionResult Run(IReadOnlyList<ProbeEndpoint> endpoints, ProxyRoute? proxy, TimeSpan probeTimeout)
        {
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
            var before = Probe(endpoints, proxy, probeTimeout);
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

            var names = string.Join(", ", unresolved.Select(r => r.Endpoint.Host));
            result.Reason = "the sign-in name(s) " + names + " did not resolve.";
            if (!MachineActionRecord.Approve(host, log, result, machine.ComputerName + " (DNS client resolver cache)", "Flush the cache ("
                + Command + ") and look up " + names + " again: " + result.Cost, "the DNS cache is flushed"))
            {
                return result;
            }

            var run = machine.Commands.Run(Windows.SystemTools.Resolve(machine, "ipconfig.exe"), "/flushdns", CommandTimeout);
            result.ExitCode = run.Outcome == CommandOutcome.Completed ? run.ExitCode : (int?)null;
            if (!run.Succeeded)
            {
                result.Status = MachineActionStatus.Failed;
                var outcome = run.Outcome == CommandOutcome.Completed ? "ipconfig exited with code " + run.ExitCode + "." : run.Describe("ipconfig");
                result.Evidence = result.Evidence.Concat(new[] { outcome }).ToArray();
                host.Error(ModuleErrors.DnsFlushFailed(machine.ComputerName, outcome));
                MachineActionRecord.Outcome(log, result);
                return result;
            }

            var after = Probe(unresolved.Select(r => r.Endpoint).ToList(), proxy, probeTimeout);
            result.Evidence = result.Evidence.Concat(after.Select(r => "after: " + Line(r))).ToArray();
            result.Status = MachineActionStatus.Done;
            // A name not probed again before the deadline leaves the outcome unknown, never "fixed".
            result.Fixed = after.Any(r => r.Outcome == ProbeOutcome.NameNotResolved) ? false
                : after.Any(r => r.Outcome == ProbeOutcome.NotProbed) ? (bool?)null : true;
            host.Verbose("DNS resolver cache of " + machine.ComputerName + " flushed; " + (result.Fixed == true ? "the names resolve now."
                : result.Fixed == false ? "some names still do not resolve: the DNS server or the network does not answer them."
                : NotProbed(after) + " could not be probed again before the deadline: whether the flush helped is not known."));
            MachineActionRecord.Outcome(log, result);
            return result;
        }

        private IReadOnlyList<EndpointProbeResult> Probe(IReadOnlyList<ProbeEndpoint> endpoints, ProxyRoute? proxy, TimeSpan timeout)
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
