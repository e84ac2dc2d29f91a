using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Simulation
{
    /// <summary>
    /// A simulated registry kept in a file, so two processes can act on the same simulated PC one after the other
    /// (a run killed halfway, then the next run), the way both would find the real registry. Each save replaces
    /// the file in one rename, so a kill leaves the last whole state, as a registry hive would.
    /// </summary>
    public static class SimulatedRegistryFile
    {
        private static readonly Encoding Utf8 = new UTF8Encoding(false);

        /// <summary>Loads the file (when it exists) and saves the registry after every later write.</summary>
        public static void Attach(SimulatedRegistry registry, string path)
        {
            if (File.Exists(path))
            {
                Load(registry, path);
            }

            registry.AfterWrite = () => Save(registry, path);
        }

        public static void Save(SimulatedRegistry registry, string path)
        {
            var text = new StringBuilder();
            foreach (var key in registry.CopyKeys())
            {
                text.Append('[').Append(Encode(key.Key)).Append("]\n");
                foreach (var value in key.Value)
                {
                    text.Append(Encode(value.Key)).Append('\t').Append(value.Value.Kind).Append('\t').Append(Data(value.Value)).Append('\n');
                }
            }

            var temporary = path + ".tmp";
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                var bytes = Utf8.GetBytes(text.ToString());
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(flushToDisk: true);
            }

            if (File.Exists(path))
            {
                File.Replace(temporary, path, null);
            }
            else
            {
                File.Move(temporary, path);
            }
        }

        public static void Load(SimulatedRegistry registry, string path)
        {
            var keys = new List<KeyValuePair<string, Dictionary<string, RegistryValue>>>();
            Dictionary<string, RegistryValue>? values = null;
            foreach (var line in File.ReadAllLines(path, Utf8).Where(l => l.Length > 0))
            {
                if (line[0] == '[')
                {
                    values = new Dictionary<string, RegistryValue>(StringComparer.OrdinalIgnoreCase);
                    keys.Add(new KeyValuePair<string, Dictionary<string, RegistryValue>>(Decode(line.Substring(1, line.Length - 2)), values));
                    continue;
                }

                var fields = line.Split('\t');
                var kind = (RegistryValueKind)Enum.Parse(typeof(RegistryValueKind), fields[1]);
                values![Decode(fields[0])] = Value(kind, fields[2]);
            }

            registry.ReplaceKeys(keys);
        }

        private static string Data(RegistryValue value)
        {
            switch (value.Kind)
            {
                case RegistryValueKind.DWord: return ((uint)value.Data).ToString(CultureInfo.InvariantCulture);
                case RegistryValueKind.QWord: return ((ulong)value.Data).ToString(CultureInfo.InvariantCulture);
                case RegistryValueKind.Binary: return Convert.ToBase64String((byte[])value.Data);
                case RegistryValueKind.MultiString:
                    var strings = (string[])value.Data;
                    return strings.Length.ToString(CultureInfo.InvariantCulture) + ":" + string.Join(",", strings.Select(Encode));
                default: return Encode((string)value.Data);
            }
        }

        private static RegistryValue Value(RegistryValueKind kind, string data)
        {
            switch (kind)
            {
                case RegistryValueKind.DWord: return RegistryValue.DWord(uint.Parse(data, CultureInfo.InvariantCulture));
                case RegistryValueKind.QWord: return RegistryValue.QWord(ulong.Parse(data, CultureInfo.InvariantCulture));
                case RegistryValueKind.Binary: return RegistryValue.Binary(Convert.FromBase64String(data));
                case RegistryValueKind.MultiString:
                    var parts = data.Substring(data.IndexOf(':') + 1).Split(',');
                    return RegistryValue.MultiString(data.StartsWith("0:", StringComparison.Ordinal) ? new string[0]
                        : parts.Select(Decode).ToArray());
                case RegistryValueKind.ExpandString: return RegistryValue.ExpandString(Decode(data));
                default: return RegistryValue.String(Decode(data));
            }
        }

        private static string Encode(string text) => Convert.ToBase64String(Utf8.GetBytes(text));

        private static string Decode(string text) => Utf8.GetString(Convert.FromBase64String(text));
    }
}
