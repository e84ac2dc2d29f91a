using System.Collections.Generic;
using TeamsRemediation.Codes;

namespace TeamsRemediation.Fleet
{
    /// <summary>Which command wrote a line: the detection (Test-TeamsCaa20002 -As Line) or the repair (Repair-TeamsCaa20002).</summary>
    public enum RemediationLineKind
    {
        Detection,
        Repair,
    }

    /// <summary>One failing or warning check named on a line.</summary>
    public sealed class RemediationLineItem
    {
        public RemediationLineItem(string checkId, FindingStatus status, FindingOwner owner, string code, string user, string text)
        {
            CheckId = checkId;
            Status = status;
            Owner = owner;
            Code = code;
            User = user;
            Text = text;
        }

        public string CheckId { get; }

        public FindingStatus Status { get; }

        public FindingOwner Owner { get; }

        /// <summary>The top error code of the item (CAA20002, AADSTS53003); empty when it names none.</summary>
        public string Code { get; }

        /// <summary>DOMAIN\user for a per-user check; empty for a machine-wide one.</summary>
        public string User { get; }

        /// <summary>The item's free text (the finding's summary), when the line carries it.</summary>
        public string Text { get; }
    }

    /// <summary>What a detection or repair line says, read back: the computer, its state, the items, and what the line left out.</summary>
    public sealed class RemediationLine
    {
        public RemediationLine(RemediationLineKind kind, string computerName, string outcome, int? exitCode, IReadOnlyList<RemediationLineItem> items,
            int dropped, bool truncated, string message)
        {
            Kind = kind;
            ComputerName = computerName;
            Outcome = outcome;
            ExitCode = exitCode;
            Items = items;
            Dropped = dropped;
            Truncated = truncated;
            Message = message;
        }

        /// <summary>The outcome of a script that could not run at all (its own error line).</summary>
        public const string ScriptError = "ScriptError";

        public RemediationLineKind Kind { get; }

        /// <summary>Empty when the line does not name it (a detection that could not run).</summary>
        public string ComputerName { get; }

        /// <summary>Compliant or NonCompliant for a detection; a <see cref="RepairOutcome"/> name for a repair; <see cref="ScriptError"/>.</summary>
        public string Outcome { get; }

        /// <summary>The repair's exit code when the line says it; null for a detection (its exit code is 1 exactly when NonCompliant).</summary>
        public int? ExitCode { get; }

        public IReadOnlyList<RemediationLineItem> Items { get; }

        /// <summary>How many items the line could not hold (cut at Intune's 2,048 characters).</summary>
        public int Dropped { get; }

        /// <summary>The line was cut at its length limit.</summary>
        public bool Truncated { get; }

        /// <summary>The error text of a script that could not run; empty otherwise.</summary>
        public string Message { get; }
    }
}
