using System;
using TeamsRemediation.Errors;

namespace TeamsRemediation.Windows
{
    /// <summary>A shipped script that may not be started; <see cref="Error"/> says why, with the stable id.</summary>
    public sealed class ShippedScriptException : Exception
    {
        public ShippedScriptException(ModuleError error)
            : base(error.Message)
        {
            Error = error;
        }

        public ModuleError Error { get; }
    }
}
