namespace TeamsRemediation.Errors
{
    public static partial class ModuleErrors
    {
        public static ModuleError ElevationRequired(string caller) => new ModuleError(
            "ElevationRequired",
            ModuleErrorCategory.PermissionDenied,
            "Enable-Tls12 changes HKEY_LOCAL_MACHINE, which needs administrator rights; " + caller
                + " runs it without elevation. Nothing was changed.",
            "Run it from an elevated PowerShell (Run as administrator) or as SYSTEM (Intune, ConfigMgr); or use -Scope User to repair only your " +
                "own Internet Options; -WhatIf previews without elevation.",
            caller);

        public static ModuleError UsersOutsideScope() => new ModuleError(
            "UsersOutsideScope",
            ModuleErrorCategory.InvalidArgument,
            "-Scope Machine changes no user, but users were named (-UserName, -UserSid, -AllUsers or piped objects). Nothing was changed.",
            "Use -Scope All or -Scope User to repair those users' Internet Options, or leave the users out.",
            null);

        public static ModuleError TlsValueWriteFailed(string target, System.Exception exception) => new ModuleError(
            "TlsValueWriteFailed",
            exception is System.UnauthorizedAccessException ? ModuleErrorCategory.PermissionDenied : ModuleErrorCategory.WriteError,
            "Could not change " + target + ": " + exception.Message + " The other values were still repaired.",
            "Run elevated (or as SYSTEM) and check the key's permissions, then run Enable-Tls12 again; it only changes what is still off.",
            target,
            exception);
    
        /// <summary>A value could not even be read (a key whose ACL denies the caller): it is neither judged nor written.</summary>
        public static ModuleError TlsValueUnreadable(string target, System.Exception exception) => new ModuleError(
            "TlsValueUnreadable",
            ModuleErrorCategory.ReadError,
            "Could not read " + target + ": " + exception.Message + " It was left alone; the other values were still repaired.",
            "Check the key's permissions (regedit > Permissions), then run Enable-Tls12 again elevated or as SYSTEM.",
            target,
            exception);
    }
}
