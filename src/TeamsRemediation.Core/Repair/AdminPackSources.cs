using System;
using System.Collections.Generic;
using TeamsRemediation.Account;
using TeamsRemediation.Codes;
using TeamsRemediation.Platform;
using TeamsRemediation.Targets;

namespace TeamsRemediation.Repair
{
    /// <summary>What an admin pack is made from, read once by <see cref="AdminPackBuilder.Gather"/> (or given by a test).</summary>
    public sealed class AdminPackSources
    {
        public IReadOnlyList<TargetUser> Users { get; set; } = new TargetUser[0];

        /// <summary>The diagnosis of this run: the "nothing the PC can fix" decision is made from its owners.</summary>
        public IReadOnlyList<TeamsCaa20002Finding> Findings { get; set; } = new TeamsCaa20002Finding[0];

        /// <summary>dsregcmd /status, parsed; null when it could not run (<see cref="DsregProblem"/> says why).</summary>
        public DsregStatus? Dsreg { get; set; }

        public string DsregProblem { get; set; } = string.Empty;

        /// <summary>Events 1098 of the period; a read that failed carries its error.</summary>
        public EventQueryResult Events { get; set; } = EventQueryResult.Read(new AadEvent[0]);

        /// <summary>The users' installed Teams clients (their versions go into the pack).</summary>
        public IReadOnlyList<TeamsInstallation> Installations { get; set; } = new TeamsInstallation[0];

        /// <summary>The causes the run's steps repaired before the pack was made: a failure of one of them is left out of it.</summary>
        public IReadOnlyCollection<CodeCause> Repaired { get; set; } = new CodeCause[0];

        /// <summary>The period the events were read from.</summary>
        public TimeSpan Since { get; set; } = TimeSpan.FromDays(7);
    }
}
