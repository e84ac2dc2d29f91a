using System.Collections.Generic;

namespace TeamsRemediation.Platform
{
    /// <summary>
    /// The registry, always addressed with an explicit view. Reads of an absent key or value answer "absent"
    /// (null or empty), never throw; writes create missing keys. Access problems surface as
    /// <see cref="System.UnauthorizedAccessException"/> so a caller can report them per value.
    /// </summary>
    public interface IRegistry
    {
        bool KeyExists(RegistryKeyPath key);

        /// <summary>The value, or null when the key or the value does not exist.</summary>
        RegistryValue? GetValue(RegistryKeyPath key, string name);

        /// <summary>Subkey names, empty when the key does not exist.</summary>
        IReadOnlyList<string> GetSubKeyNames(RegistryKeyPath key);

        /// <summary>Value names, empty when the key does not exist.</summary>
        IReadOnlyList<string> GetValueNames(RegistryKeyPath key);

        /// <summary>
        /// The values of one key of a user's hive that is not loaded under HKEY_USERS (the user is logged off), parsed from the
        /// profile's NTUSER.DAT opened for reading only (never loaded into the registry, nothing created or written). Null when the
        /// profile has no NTUSER.DAT; empty when the key does not exist. A file that is there but not read throws with the reason:
        /// <see cref="Hives.HiveNotReadableException"/> (damaged, too large, changes not yet written), <see cref="LinkRefusedException"/>,
        /// another IOException (in use) or UnauthorizedAccessException (this account may not read it).
        /// </summary>
        IReadOnlyDictionary<string, RegistryValue>? ReadUnloadedHiveKey(string sid, string profilePath, string relativeKey);

        /// <summary>Writes the value with its own type, creating the key path when missing.</summary>
        void SetValue(RegistryKeyPath key, string name, RegistryValue value);

        /// <summary>Deletes the value; deleting an absent value is not an error.</summary>
        void DeleteValue(RegistryKeyPath key, string name);
    }
}
