using System.Collections.Generic;

namespace TeamsRemediation.Errors
{
    /// <summary>The module's errors, one factory method per stable id; one file per area.</summary>
    public static partial class ModuleErrors
    {
        public static ModuleError InvalidUserName(string name) => new ModuleError(
            "InvalidUserName",
            ModuleErrorCategory.InvalidArgument,
            "'" + name + "' is not a user name: it contains a path or wildcard character, or is empty.",
            "Give the account name as 'user' or 'DOMAIN\\user' (no '\\..', ':', '*', '?'), or use -UserSid.",
            name);

        public static ModuleError InvalidUserSid(string sid) => new ModuleError(
            "InvalidUserSid",
            ModuleErrorCategory.InvalidArgument,
            "'" + sid + "' is not a security identifier.",
            "Give a SID such as S-1-5-21-1004336348-1177238915-682003330-1001 (see the UserSid of Get-TeamsInstallation -AllUsers).",
            sid);

        public static ModuleError ServiceAccountNotATarget(string sid) => new ModuleError(
            "ServiceAccountNotATarget",
            ModuleErrorCategory.InvalidArgument,
            sid + " is a service account (SYSTEM, LocalService or NetworkService); it never runs Teams.",
            "Name the person whose Teams fails with -UserName or -UserSid.",
            sid);

        public static ModuleError ConflictingTargets() => new ModuleError(
            "ConflictingTargetParameters",
            ModuleErrorCategory.InvalidArgument,
            "-AllUsers cannot be combined with -UserName or -UserSid.",
            "Use -AllUsers alone, or name the users.",
            null);

        public static ModuleError UserNotFound(string user, string by) => new ModuleError(
            "UserNotFound",
            ModuleErrorCategory.ObjectNotFound,
            "No user profile on this computer matches the " + by + " '" + user + "'. Nothing was done for it.",
            "List the profiles with 'Get-TeamsInstallation -AllUsers' and use a UserName or UserSid from there.",
            user);

        public static ModuleError AmbiguousUserName(string name, IEnumerable<string> candidates) => new ModuleError(
            "AmbiguousUserName",
            ModuleErrorCategory.InvalidArgument,
            "The name '" + name + "' matches several profiles: " + string.Join(", ", candidates) + ". Nothing was done for it.",
            "Give the name as DOMAIN\\user, or use -UserSid.",
            name);

        public static ModuleError NoInteractiveUser(string caller, bool remoting) => new ModuleError(
            "NoInteractiveUser",
            ModuleErrorCategory.ObjectNotFound,
            (remoting ? "This is a remoting session" : "This runs as " + caller)
                + " and nobody is logged on to the computer, so there is no user to act on by default.",
            "Name the users with -UserName or -UserSid, or use -AllUsers.",
            caller);

        public static ModuleError CallerHasNoProfile(string caller, string sid) => new ModuleError(
            "CallerHasNoProfile",
            ModuleErrorCategory.ObjectNotFound,
            "The account running this command (" + caller + ", " + sid + ") has no user profile on this computer.",
            "Name the users with -UserName or -UserSid, or use -AllUsers.",
            caller);
    }
}
