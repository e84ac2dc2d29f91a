using System;
using TeamsRemediation.Errors;

namespace TeamsRemediation.Repair
{
    /// <summary>The report folder of a repair run could not be made: nothing may be changed, as the evidence cannot be kept first.</summary>
    public sealed class RepairReportException : Exception
    {
        public RepairReportException(ModuleError error, Exception? inner = null)
            : base(error.Message, inner)
        {
            Error = error;
        }

        /// <summary>What the cmdlet reports.</summary>
        public ModuleError Error { get; }
    }
}
