using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.Serialization;
using System.Runtime.Serialization.Json;
using System.Text;
using TeamsRemediation.Errors;
using TeamsRemediation.Platform;

namespace TeamsRemediation.UserBridge
{
    /// <summary>
    /// Reads the result a user's session wrote, trusting nothing: the file must be a plain file (no link) directly in
    /// the run folder, owned by the user the run was for (a file SYSTEM or anybody else owns did not come from that
    /// session), within a size bound, in the documented shape, for the run id this run gave the child.
    /// </summary>
    public static class BridgeResultReader
    {
        public const string FileName = "result.json";

        /// <summary>Far above what any command of the module writes; keeps a hostile file from costing memory.</summary>
        public const long MaximumBytes = 4 * 1024 * 1024;

        public const int MaximumObjects = 10000;

        public static BridgeResult Read(IStorageSecurity storage, string runFolder, string expectedRunId, string expectedOwnerSid)
        {
            var path = Path.Combine(runFolder, FileName);
            StoredFile file;
            try
            {
                // One handle on the file itself: who owns it, how long it is and what it says come from the same object, whatever the
                // user (who may write in the run folder) renames or links at that path meanwhile.
                file = storage.ReadFile(path, MaximumBytes);
            }
            catch (LinkRefusedException)
            {
                throw Untrusted(path, "it is a link (junction or symbolic link), not a file the session wrote");
            }
            catch (Exception e) when (e is FileNotFoundException || e is DirectoryNotFoundException)
            {
                throw Invalid(path, "it does not exist");
            }

            if (file.IsDirectory)
            {
                throw Invalid(path, "it is a folder");
            }

            if (file.Content == null)
            {
                throw Invalid(path, "it is " + file.Length + " bytes, more than the " + MaximumBytes + " a result may have");
            }

            var owner = StorageAccess.FromSddl(file.Sddl).OwnerSid;
            if (!string.Equals(owner, expectedOwnerSid, StringComparison.OrdinalIgnoreCase))
            {
                throw Untrusted(path, "it is owned by " + (owner.Length == 0 ? "nobody" : owner) + ", not by " + expectedOwnerSid
                    + ", the user it was run for");
            }

            var document = Parse(path, file.Content);
            if (!string.Equals(document.Schema, BridgeResultDocument.SchemaName, StringComparison.Ordinal))
            {
                throw Invalid(path, "its schema is '" + document.Schema + "', not " + BridgeResultDocument.SchemaName);
            }

            if (!string.Equals(document.RunId, expectedRunId, StringComparison.Ordinal))
            {
                throw Invalid(path, "it belongs to the run '" + document.RunId + "', not to " + expectedRunId);
            }

            if (!string.Equals(document.End, expectedRunId, StringComparison.Ordinal))
            {
                throw Invalid(path, "it was cut short (its end marker is missing)");
            }

            var objects = document.Objects ?? new List<BridgeObjectEntry>();
            if (objects.Count > MaximumObjects)
            {
                throw Invalid(path, "it holds " + objects.Count + " objects, more than " + MaximumObjects);
            }

            return new BridgeResult(
                Text(document.LanguageMode, "Unknown"),
                Text(document.PSVersion, string.Empty),
                objects.Select(o => ToObject(path, o)).ToList(),
                (document.Errors ?? new List<BridgeErrorEntry>()).Select(e => ToError(path, e)).ToList());
        }

        private static BridgeResultDocument Parse(string path, byte[] bytes)
        {
            // Windows PowerShell 5.1's Set-Content -Encoding UTF8 writes a byte order mark; the serializer wants none.
            var offset = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
            try
            {
                using (var stream = new MemoryStream(bytes, offset, bytes.Length - offset))
                {
                    var serializer = new DataContractJsonSerializer(typeof(BridgeResultDocument));
                    return serializer.ReadObject(stream) as BridgeResultDocument ?? throw Invalid(path, "it is empty");
                }
            }
            catch (Exception e) when (e is SerializationException || e is System.Xml.XmlException)
            {
                // The serializer reads JSON through an XML reader: JSON cut short surfaces as XmlException.
                throw Invalid(path, "it is not JSON of the documented shape (" + e.Message + ")");
            }
        }

        private static BridgeObject ToObject(string path, BridgeObjectEntry entry)
        {
            var typeName = Text(entry.TypeName, string.Empty);
            if (typeName.Length == 0)
            {
                throw Invalid(path, "an object has no type name");
            }

            if (string.Equals(entry.Kind, "Object", StringComparison.Ordinal))
            {
                var properties = (entry.Properties ?? new List<BridgePropertyEntry>()).Select(p => ToProperty(path, p)).ToList();
                var duplicate = properties.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
                if (duplicate != null)
                {
                    throw Invalid(path, "an object of " + typeName + " names the property " + duplicate.Key + " twice");
                }

                return new BridgeObject(typeName, properties, null);
            }

            var scalar = ToProperty(path, new BridgePropertyEntry { Name = "Value", Kind = entry.Kind, Value = entry.Value });
            return new BridgeObject(typeName, Array.Empty<BridgeProperty>(), scalar);
        }

        private static BridgeProperty ToProperty(string path, BridgePropertyEntry entry)
        {
            var name = Text(entry.Name, string.Empty);
            if (name.Length == 0)
            {
                throw Invalid(path, "a property has no name");
            }

            // Only the names: Enum.Parse would also take "3" or "String, Boolean".
            if (!Enum.GetNames(typeof(BridgeValueKind)).Contains(entry.Kind ?? string.Empty, StringComparer.Ordinal))
            {
                throw Invalid(path, "the property " + name + " has the unknown kind '" + entry.Kind + "'");
            }

            var kind = (BridgeValueKind)Enum.Parse(typeof(BridgeValueKind), entry.Kind!);

            return new BridgeProperty(name, kind, Value(path, name, kind, entry));
        }

        private static object? Value(string path, string name, BridgeValueKind kind, BridgePropertyEntry entry)
        {
            var text = entry.Value ?? string.Empty;
            switch (kind)
            {
                case BridgeValueKind.Null:
                    return null;
                case BridgeValueKind.Boolean:
                    if (text == "true" || text == "false")
                    {
                        return text == "true";
                    }

                    break;
                case BridgeValueKind.Number:
                    if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
                    {
                        return whole;
                    }

                    if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
                    {
                        return real;
                    }

                    break;
                case BridgeValueKind.DateTime:
                    if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time))
                    {
                        return time.UtcDateTime;
                    }

                    break;
                case BridgeValueKind.StringArray:
                    return (entry.Values ?? new List<string>()).Select(v => v ?? string.Empty).ToArray();
                default:
                    return text;
            }

            throw Invalid(path, "the property " + name + " says " + kind + " but holds '" + Shorten(text) + "'");
        }

        private static BridgeError ToError(string path, BridgeErrorEntry entry)
        {
            var id = Text(entry.ErrorId, string.Empty);
            if (id.Length == 0)
            {
                throw Invalid(path, "an error has no id");
            }

            return new BridgeError(id, Text(entry.Category, "NotSpecified"), Text(entry.Message, string.Empty),
                Text(entry.RecommendedAction, string.Empty), Text(entry.Target, string.Empty));
        }

        private static string Text(string? value, string fallback) => string.IsNullOrEmpty(value) ? fallback : value!;

        private static string Shorten(string text) => text.Length > 80 ? text.Substring(0, 80) + "..." : text;

        private static UserBridgeException Untrusted(string path, string why) =>
            new UserBridgeException(ModuleErrors.UserBridgeResultUntrusted(path, why));

        private static UserBridgeException Invalid(string path, string why) =>
            new UserBridgeException(ModuleErrors.UserBridgeResultInvalid(path, why));
    }
}
