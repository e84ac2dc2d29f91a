using System;
using System.Management.Automation;
using TeamsRemediation.Errors;

namespace TeamsRemediation.Hosting
{
    /// <summary>The one place a <see cref="ModuleError"/> becomes an ErrorRecord, so every cmdlet reports the same way.</summary>
    internal static class ErrorRecords
    {
        public static ErrorRecord From(ModuleError error)
        {
            var category = (ErrorCategory)Enum.Parse(typeof(ErrorCategory), error.Category.ToString());
            // A PlatformNotSupportedException is already the exception callers catch for "not on this OS": it is not wrapped.
            var exception = error.Exception is PlatformNotSupportedException platform
                ? (Exception)platform
                : error.Exception == null
                    ? new InvalidOperationException(error.Message)
                    : new InvalidOperationException(error.Message, error.Exception);
            return new ErrorRecord(exception, error.Id, category, error.Target)
            {
                ErrorDetails = new ErrorDetails(error.Message) { RecommendedAction = error.RecommendedAction },
            };
        }
    }
}
