using System.Collections.Generic;
using TeamsRemediation.Account;

namespace TeamsRemediation.Diagnostics
{
    /// <summary>What fixes a PRT outcome: nothing, a fresh sign-in to Windows, or reconnecting the work account.</summary>
    internal enum PrtRemedy
    {
        None,
        SignInAgain,
        ResetWorkAccount,
    }

    /// <summary>One cell of the table: the status and the summary ({join}, {expiry} and {why} are filled in).</summary>
    internal sealed class PrtOutcome
    {
        public PrtOutcome(FindingStatus status, string summary, PrtRemedy remedy = PrtRemedy.None)
        {
            Status = status;
            Summary = summary;
            Remedy = remedy;
        }

        public FindingStatus Status { get; }

        public string Summary { get; }

        public PrtRemedy Remedy { get; }
    }

    /// <summary>
    /// Account.Prt as a table: join type by PRT state, one outcome per cell. Only a joined device (Entra or hybrid)
    /// signs the user in to Teams with the Entra PRT, so only there can a missing or expired PRT be the cause; a
    /// registered, domain-only or unjoined PC signs in with the work account added to Windows or Teams.
    /// </summary>
    internal static class PrtOutcomes
    {
        private const string Unreadable =
            "dsregcmd printed no readable AzureAdPrt line for this account on this {join} device, so the token state is unknown.";

        private static readonly Dictionary<(DeviceJoinKind, PrtState), PrtOutcome> Table = Build();

        public static PrtOutcome For(DeviceJoinKind kind, PrtState state) => Table[(kind, state)];

        private static Dictionary<(DeviceJoinKind, PrtState), PrtOutcome> Build()
        {
            var table = new Dictionary<(DeviceJoinKind, PrtState), PrtOutcome>();
            foreach (var joined in new[] { DeviceJoinKind.EntraJoined, DeviceJoinKind.Hybrid })
            {
                table[(joined, PrtState.Present)] = new PrtOutcome(FindingStatus.Pass,
                    "The user has a primary refresh token on this {join} device (valid until {expiry}).");
                table[(joined, PrtState.Expired)] = new PrtOutcome(FindingStatus.Fail,
                    "The user's primary refresh token expired at {expiry} on this {join} device: single sign-on into Teams fails until Windows " +
                        "gets a new one.", PrtRemedy.SignInAgain);
                table[(joined, PrtState.Absent)] = new PrtOutcome(FindingStatus.Fail,
                    "No primary refresh token on this {join} device{why}: single sign-on into Teams fails.", PrtRemedy.ResetWorkAccount);
                table[(joined, PrtState.Unreadable)] = new PrtOutcome(FindingStatus.Skipped, Unreadable);
            }

            table[(DeviceJoinKind.Registered, PrtState.Present)] = new PrtOutcome(FindingStatus.Pass,
                "The work account is registered on this device (Entra registered) and has a primary refresh token.");
            table[(DeviceJoinKind.Registered, PrtState.Expired)] = new PrtOutcome(FindingStatus.Warning,
                "The work account is registered on this device (Entra registered); its primary refresh token expired at {expiry} and is renewed " +
                    "at the next sign-in with that account.", PrtRemedy.SignInAgain);
            table[(DeviceJoinKind.Registered, PrtState.Absent)] = new PrtOutcome(FindingStatus.Pass,
                "The work account is registered on this device (Entra registered): Teams signs in with it through WAM; AzureAdPrt belongs to " +
                    "joined devices.");
            table[(DeviceJoinKind.Registered, PrtState.Unreadable)] = new PrtOutcome(FindingStatus.Pass,
                "The work account is registered on this device (Entra registered): Teams signs in with it through WAM; AzureAdPrt belongs to " +
                    "joined devices.");
            foreach (var loose in new[] { DeviceJoinKind.DomainOnly, DeviceJoinKind.None })
            {
                var text = "The device is {join}: no primary refresh token is expected; Teams signs in with the work account added in Windows or " +
                    "Teams.";
                table[(loose, PrtState.Present)] = new PrtOutcome(FindingStatus.Pass, text);
                table[(loose, PrtState.Expired)] = new PrtOutcome(FindingStatus.Pass, text);
                table[(loose, PrtState.Absent)] = new PrtOutcome(FindingStatus.Pass, text);
                table[(loose, PrtState.Unreadable)] = new PrtOutcome(FindingStatus.Pass, text);
            }

            return table;
        }
    }
}
