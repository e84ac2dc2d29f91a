using System;
using System.Collections.Generic;
using TeamsRemediation.Diagnostics;
using TeamsRemediation.Platform;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Repair
{
    /// <summary>
    /// The ladder's <see cref="Recheck"/> on the diagnosis itself: the same check rows, limited to a rung's checks. Evidence counts from the
    /// step's start, except errors only the user or the tenant admin can change: those count over the caller's whole window.
    /// </summary>
    public sealed class DiagnosisRecheck
    {
        private readonly IMachine machine;
        private readonly DiagnosisOptions template;

        /// <param name="machine">The PC checked.</param>
        /// <param name="template">The caller's diagnosis settings (network, timeout, endpoints); check ids and window are set per call.</param>
        public DiagnosisRecheck(IMachine machine, DiagnosisOptions template)
        {
            this.machine = machine;
            this.template = template;
        }

        public IReadOnlyList<TeamsCaa20002Finding> Run(ISet<string> checkIds, IReadOnlyList<TargetUser> users, TimeSpan evidenceWindow)
        {
            var options = new DiagnosisOptions
            {
                SkipNetwork = template.SkipNetwork,
                Timeout = template.Timeout,
                CheckIds = checkIds,
                Since = evidenceWindow,
                OutsideThePcSince = template.Since,
                NobodyToCheck = template.NobodyToCheck,
                MinimumTeamsVersion = template.MinimumTeamsVersion,
                MinimumWebView2Version = template.MinimumWebView2Version,
                UserSessionModule = template.UserSessionModule,
            };
            if (template.EndpointsGiven)
            {
                options.Endpoints = template.Endpoints;
            }

            return new Caa20002Diagnosis(machine, options).Run(users);
        }
    }
}
