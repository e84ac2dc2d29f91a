using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Simulation
{
    /// <summary>
    /// An in-memory registry with WOW64 redirection as Windows does it for HKLM\SOFTWARE: the 32-bit view of
    /// SOFTWARE\X is SOFTWARE\WOW6432Node\X. Keys are stored by physical path, so a test can check exactly
    /// which view a write went to.
    /// </summary>
    public sealed class SimulatedRegistry : IRegistry
    {
        private readonly object gate = new object();
        private readonly SortedDictionary<string, Dictionary<string, RegistryValue>> keys = new SortedDictionary<string, Dictionary<string,
            RegistryValue>>(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> deniedKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, List<KeyValuePair<string, Dictionary<string, RegistryValue>>>> unloadedHives = new Dictionary<string,
            List<KeyValuePair<string, Dictionary<string, RegistryValue>>>>(StringComparer.OrdinalIgnoreCase);

        private readonly HashSet<string> unreadableHives = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, string> refusedHives = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>How many writes (sets and deletes) reached this registry: an idempotent run leaves it unchanged.</summary>
        public int WriteCount { get; private set; }

        /// <summary>Called with the physical key and value name before each set or delete: a scenario can stop a run right there.</summary>
        public Action<string, string>? BeforeWrite { get; set; }

        /// <summary>Called after each set or delete: a scenario keeps the registry in a file (<see cref="SimulatedRegistryFile"/>).</summary>
        public Action? AfterWrite { get; set; }

        public bool KeyExists(RegistryKeyPath key)
        {
            lock (gate)
            {
                var physical = Physical(key);
                ThrowIfDenied(physical);
                return keys.ContainsKey(physical);
            }
        }

        public RegistryValue? GetValue(RegistryKeyPath key, string name)
        {
            lock (gate)
            {
                var physical = Physical(key);
                ThrowIfDenied(physical);
                return keys.TryGetValue(physical, out var values) && values.TryGetValue(name ?? string.Empty, out var value) ? value : null;
            }
        }

        public IReadOnlyList<string> GetSubKeyNames(RegistryKeyPath key)
        {
            lock (gate)
            {
                var physical = Physical(key);
                ThrowIfDenied(physical);
                var prefix = physical + "\\";
                return keys.Keys
                    .Where(k => k.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                    .Select(k => k.Substring(prefix.Length).Split('\\')[0])
                    .Distinct(StringComparer.OrdinalIgnoreCase)
                    .ToList();
            }
        }

        public IReadOnlyList<string> GetValueNames(RegistryKeyPath key)
        {
            lock (gate)
            {
                var physical = Physical(key);
                ThrowIfDenied(physical);
                return keys.TryGetValue(physical, out var values) ? values.Keys.ToList() : new List<string>();
            }
        }

        public void SetValue(RegistryKeyPath key, string name, RegistryValue value)
        {
            BeforeWrite?.Invoke(Physical(key), name ?? string.Empty);
            lock (gate)
            {
                var physical = Physical(key);
                ThrowIfDenied(physical);
                EnsureKey(physical)[name ?? string.Empty] = value ?? throw new ArgumentNullException(nameof(value));
                WriteCount++;
            }

            AfterWrite?.Invoke();
        }

        public void DeleteValue(RegistryKeyPath key, string name)
        {
            BeforeWrite?.Invoke(Physical(key), name ?? string.Empty);
            lock (gate)
            {
                var physical = Physical(key);
                ThrowIfDenied(physical);
                if (keys.TryGetValue(physical, out var values) && values.Remove(name ?? string.Empty))
                {
                    WriteCount++;
                }
            }

            AfterWrite?.Invoke();
        }

        /// <summary>Creates an empty key (and its parents), as loading a user's hive does for HKU\&lt;SID&gt;.</summary>
        public void CreateKey(RegistryKeyPath key)
        {
            lock (gate)
            {
                EnsureKey(Physical(key));
            }
        }

        /// <summary>Removes a key and everything below it, as unloading a hive does.</summary>
        public void DeleteKeyTree(RegistryKeyPath key)
        {
            lock (gate)
            {
                var physical = Physical(key);
                foreach (var k in keys.Keys.Where(k => k.Equals(physical, StringComparison.OrdinalIgnoreCase)
                    || k.StartsWith(physical + "\\", StringComparison.OrdinalIgnoreCase)).ToList())
                {
                    keys.Remove(k);
                }
            }
        }

        /// <summary>Takes HKU\&lt;SID&gt; out of reach, as when the user logs off: its content is kept for a later load (NTUSER.DAT).</summary>
        public void UnloadHive(string sid)
        {
            lock (gate)
            {
                var root = "HKU\\" + sid;
                var moved = keys.Where(k => k.Key.Equals(root, StringComparison.OrdinalIgnoreCase)
                    || k.Key.StartsWith(root + "\\", StringComparison.OrdinalIgnoreCase)).ToList();
                foreach (var pair in moved)
                {
                    keys.Remove(pair.Key);
                }

                unloadedHives[sid] = moved;
            }
        }

        /// <summary>Brings an unloaded hive back under HKU\&lt;SID&gt;, as reg load or a logon does.</summary>
        public bool LoadHive(string sid)
        {
            lock (gate)
            {
                if (!unloadedHives.TryGetValue(sid, out var stored))
                {
                    return false;
                }

                foreach (var pair in stored)
                {
                    keys[pair.Key] = pair.Value;
                }

                unloadedHives.Remove(sid);
                return true;
            }
        }

        /// <summary>Writes into a hive that is not loaded, as the content of the user's NTUSER.DAT.</summary>
        public void SetValueInUnloadedHive(string sid, string relativePath, string name, RegistryValue value)
        {
            lock (gate)
            {
                LoadHive(sid);
                SetValue(new RegistryKeyPath(RegistryHive.Users, sid + "\\" + relativePath), name, value);
                WriteCount--;
                UnloadHive(sid);
            }
        }

        /// <summary>Makes the NTUSER.DAT of an unloaded hive unreadable: it reads as missing (null), as a profile without the file does.</summary>
        public void MakeUnloadedHiveUnreadable(string sid)
        {
            lock (gate)
            {
                unreadableHives.Add(sid);
            }
        }

        /// <summary>
        /// Makes the NTUSER.DAT of an unloaded hive one the parser refuses (damaged, or with changes not yet written into it): the read
        /// throws <see cref="Hives.HiveNotReadableException"/> with <paramref name="reason"/>, as the Windows adapter's does.
        /// </summary>
        public void RefuseUnloadedHive(string sid, string reason)
        {
            lock (gate)
            {
                refusedHives[sid] = reason;
            }
        }

        public IReadOnlyDictionary<string, RegistryValue>? ReadUnloadedHiveKey(string sid, string profilePath, string relativeKey)
        {
            lock (gate)
            {
                if (refusedHives.TryGetValue(sid, out var reason))
                {
                    throw new Hives.HiveNotReadableException(reason);
                }

                if (!unloadedHives.TryGetValue(sid, out var stored) || unreadableHives.Contains(sid))
                {
                    return null;
                }

                var physical = "HKU\\" + sid + "\\" + relativeKey.Trim('\\');
                var values = new Dictionary<string, RegistryValue>(StringComparer.OrdinalIgnoreCase);
                foreach (var pair in stored.Where(k => k.Key.Equals(physical, StringComparison.OrdinalIgnoreCase)))
                {
                    foreach (var value in pair.Value)
                    {
                        values[value.Key] = value.Value;
                    }
                }

                return values;
            }
        }

        public bool IsHiveUnloaded(string sid)
        {
            lock (gate)
            {
                return unloadedHives.ContainsKey(sid);
            }
        }

        /// <summary>Makes every access to this key (and below) fail as Windows does for a key whose ACL denies the caller.</summary>
        public void DenyAccess(RegistryKeyPath key)
        {
            lock (gate)
            {
                deniedKeys.Add(Physical(key));
            }
        }

        /// <summary>Every loaded key with a copy of its values, by physical path.</summary>
        internal List<KeyValuePair<string, Dictionary<string, RegistryValue>>> CopyKeys()
        {
            lock (gate)
            {
                return keys.Select(k => new KeyValuePair<string, Dictionary<string, RegistryValue>>(
                    k.Key, new Dictionary<string, RegistryValue>(k.Value, StringComparer.OrdinalIgnoreCase))).ToList();
            }
        }

        /// <summary>Replaces every loaded key (unloaded hives and denied keys stay as they are).</summary>
        internal void ReplaceKeys(IEnumerable<KeyValuePair<string, Dictionary<string, RegistryValue>>> replacement)
        {
            lock (gate)
            {
                keys.Clear();
                foreach (var key in replacement)
                {
                    keys[key.Key] = new Dictionary<string, RegistryValue>(key.Value, StringComparer.OrdinalIgnoreCase);
                }
            }
        }

        /// <summary>A canonical dump of every key and typed value: two equal dumps are byte-identical registries.</summary>
        public string Export()
        {
            lock (gate)
            {
                var text = new StringBuilder();
                foreach (var pair in keys)
                {
                    text.Append('[').Append(pair.Key).Append("]\n");
                    foreach (var value in pair.Value.OrderBy(v => v.Key, StringComparer.OrdinalIgnoreCase))
                    {
                        text.Append(value.Key).Append('=').Append(value.Value).Append('\n');
                    }
                }

                return text.ToString();
            }
        }

        /// <summary>The physical location of a key in a view: HKLM\SOFTWARE is redirected for 32-bit callers, everything else is shared.</summary>
        public static string Physical(RegistryKeyPath key)
        {
            var path = key.Path;
            if (key.Hive == RegistryHive.LocalMachine && key.View == RegistryView.Registry32)
            {
                var parts = path.Split('\\');
                if (parts[0].Equals("SOFTWARE", StringComparison.OrdinalIgnoreCase)
                    && (parts.Length < 2 || !parts[1].Equals("WOW6432Node", StringComparison.OrdinalIgnoreCase)))
                {
                    path = "SOFTWARE\\WOW6432Node" + (parts.Length > 1 ? "\\" + string.Join("\\", parts.Skip(1)) : string.Empty);
                }
            }

            return path.Length == 0 ? key.HiveName : key.HiveName + "\\" + path;
        }

        private Dictionary<string, RegistryValue> EnsureKey(string physical)
        {
            var parts = physical.Split('\\');
            Dictionary<string, RegistryValue>? values = null;
            for (var i = 1; i <= parts.Length; i++)
            {
                var path = string.Join("\\", parts.Take(i));
                if (!keys.TryGetValue(path, out values))
                {
                    values = new Dictionary<string, RegistryValue>(StringComparer.OrdinalIgnoreCase);
                    keys.Add(path, values);
                }
            }

            return values!;
        }

        private void ThrowIfDenied(string physical)
        {
            foreach (var denied in deniedKeys)
            {
                if (physical.Equals(denied, StringComparison.OrdinalIgnoreCase)
                    || physical.StartsWith(denied + "\\", StringComparison.OrdinalIgnoreCase))
                {
                    throw new UnauthorizedAccessException("Access to the registry key '" + physical + "' is denied.");
                }
            }
        }
    }
}
