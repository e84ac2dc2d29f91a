using System;

namespace TeamsRemediation.Errors
{
    /// <summary>
    /// The PowerShell error categories the module uses, by the same names as
    /// System.Management.Automation.ErrorCategory, so the service layer can say it without a PowerShell reference.
    /// NotSpecified is deliberately absent.
    /// </summary>
    public enum ModuleErrorCategory
    {
        InvalidArgument,
        ObjectNotFound,
        PermissionDenied,
        ResourceUnavailable,
        ResourceBusy,
        InvalidOperation,
        OperationTimeout,
        NotInstalled,
        ReadError,
        WriteError,
        DeviceError,
        ConnectionError,
        SecurityError,
        InvalidData,
        NotEnabled,
        InvalidResult,
    }

    /// <summary>
    /// A failure as a value: a stable PascalCase id (the FullyQualifiedErrorId prefix scripts match on), what
    /// happened to what, and what to do next. The cmdlet layer turns it into one ErrorRecord.
    /// </summary>
    public sealed class ModuleError
    {
        public ModuleError(string id, ModuleErrorCategory category, string message, string recommendedAction, object? target,
            Exception? exception = null)
        {
            if (string.IsNullOrEmpty(id) || !char.IsUpper(id[0]) || id.IndexOf(' ') >= 0)
            {
                throw new ArgumentException("An error id is one PascalCase word.", nameof(id));
            }

            Id = id;
            Category = category;
            Message = message;
            RecommendedAction = recommendedAction;
            Target = target;
            Exception = exception;
        }

        public string Id { get; }

        public ModuleErrorCategory Category { get; }

        /// <summary>What happened, to what.</summary>
        public string Message { get; }

        /// <summary>What the admin does next.</summary>
        public string RecommendedAction { get; }

        public object? Target { get; }

        public Exception? Exception { get; }

        /// <summary>Message and fix in one line, for reports that carry a single string (Failed[], Detail).</summary>
        public override string ToString() => Message + " " + RecommendedAction;
    }
}
