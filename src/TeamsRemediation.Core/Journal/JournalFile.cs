using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Journal
{
    /// <summary>
    /// The journal's file format: plain XML an admin can read, with typed registry values so a restore puts back
    /// a REG_SZ "1" as a string and 0xFFFFFFFF as a DWORD. Written whole to a temporary file and moved over the
    /// old one, so a crash never leaves half a journal.
    /// </summary>
    public static class JournalFile
    {
        private const int FormatVersion = 1;

        public static void Write(string path, string computerName, string operation, DateTimeOffset started, IEnumerable<JournalEntry> entries)
        {
            var document = new XDocument(
                new XElement(
                    "TeamsRemediationJournal",
                    new XAttribute("version", FormatVersion),
                    new XAttribute("computer", computerName),
                    new XAttribute("operation", operation),
                    new XAttribute("started", started.ToString("o", CultureInfo.InvariantCulture)),
                    entries.Select(ToElement)));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = path + ".tmp";
            using (var writer = XmlWriter.Create(temporary, new XmlWriterSettings { Indent = true }))
            {
                document.Save(writer);
            }

            if (File.Exists(path))
            {
                File.Delete(path);
            }

            File.Move(temporary, path);
        }

        /// <summary>Reads a journal; a file that is not one throws <see cref="InvalidDataException"/> naming the file.</summary>
        public static IReadOnlyList<JournalEntry> Read(string path)
        {
            XDocument document;
            try
            {
                document = XDocument.Load(path);
            }
            catch (XmlException e)
            {
                throw new InvalidDataException(path + " is not a TeamsRemediation journal: " + e.Message, e);
            }

            var root = document.Root;
            if (root == null || root.Name != "TeamsRemediationJournal" || (int?)root.Attribute("version") != FormatVersion)
            {
                throw new InvalidDataException(path + " is not a TeamsRemediation journal (format version " + FormatVersion + ").");
            }

            try
            {
                return root.Elements().Select(FromElement).ToList();
            }
            catch (Exception e) when (e is FormatException || e is ArgumentException || e is NullReferenceException)
            {
                throw new InvalidDataException(path + " has a damaged entry: " + e.Message, e);
            }
        }

        private static XElement ToElement(JournalEntry entry)
        {
            if (entry.Kind == JournalEntryKind.Move)
            {
                return new XElement("Move", new XAttribute("original", entry.OriginalPath), new XAttribute("backup", entry.BackupPath));
            }

            return new XElement(
                "RegistryValue",
                new XAttribute("hive", entry.Key.Hive),
                new XAttribute("view", entry.Key.View),
                new XAttribute("key", entry.Key.Path),
                new XAttribute("name", entry.ValueName),
                ValueElement("Before", entry.Before),
                ValueElement("After", entry.After));
        }

        private static JournalEntry FromElement(XElement element)
        {
            if (element.Name == "Move")
            {
                return JournalEntry.Moved((string)element.Attribute("original")!, (string)element.Attribute("backup")!);
            }

            if (element.Name != "RegistryValue")
            {
                throw new FormatException("unknown entry <" + element.Name + ">");
            }

            var key = new RegistryKeyPath(
                (RegistryHive)Enum.Parse(typeof(RegistryHive), (string)element.Attribute("hive")!),
                (string)element.Attribute("key")!,
                (RegistryView)Enum.Parse(typeof(RegistryView), (string)element.Attribute("view")!));
            return JournalEntry.RegistryChange(key, (string)element.Attribute("name")!, ReadValue(element.Element("Before")), ReadValue(element.Element("After")));
        }

        private static XElement ValueElement(string name, RegistryValue? value)
        {
            var element = new XElement(name);
            if (value == null)
            {
                element.Add(new XAttribute("absent", true));
                return element;
            }

            element.Add(new XAttribute("kind", value.Kind));
            switch (value.Kind)
            {
                case RegistryValueKind.DWord:
                    element.Value = ((uint)value.Data).ToString(CultureInfo.InvariantCulture);
                    break;
                case RegistryValueKind.QWord:
                    element.Value = ((ulong)value.Data).ToString(CultureInfo.InvariantCulture);
                    break;
                case RegistryValueKind.Binary:
                    element.Value = Convert.ToBase64String((byte[])value.Data);
                    break;
                case RegistryValueKind.MultiString:
                    element.Add(((string[])value.Data).Select(s => new XElement("String", s)));
                    break;
                default:
                    element.Value = (string)value.Data;
                    break;
            }

            return element;
        }

        private static RegistryValue? ReadValue(XElement? element)
        {
            if (element == null || (bool?)element.Attribute("absent") == true)
            {
                return null;
            }

            var kind = (RegistryValueKind)Enum.Parse(typeof(RegistryValueKind), (string)element.Attribute("kind")!);
            switch (kind)
            {
                case RegistryValueKind.DWord: return RegistryValue.DWord(uint.Parse(element.Value, CultureInfo.InvariantCulture));
                case RegistryValueKind.QWord: return RegistryValue.QWord(ulong.Parse(element.Value, CultureInfo.InvariantCulture));
                case RegistryValueKind.Binary: return RegistryValue.Binary(Convert.FromBase64String(element.Value));
                case RegistryValueKind.MultiString: return RegistryValue.MultiString(element.Elements("String").Select(s => s.Value).ToArray());
                case RegistryValueKind.ExpandString: return RegistryValue.ExpandString(element.Value);
                default: return RegistryValue.String(element.Value);
            }
        }
    }
}
