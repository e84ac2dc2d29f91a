using System;
using TeamsRemediation.Errors;

namespace TeamsRemediation.UserBridge
{
    /// <summary>The bridge refused a request or a result; <see cref="Error"/> says why, with its id.</summary>
    public sealed class UserBridgeException : Exception
    {
        public UserBridgeException(ModuleError error)
            : base(error.Message)
        {
            Error = error;
        }

        public ModuleError Error { get; }
    }
}
