using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using TeamsRemediation.FileSystem;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Journal
{
    /// <summary>
    /// The journal's file format: plain XML an admin can read, with typed registry values so a restore puts back
    /// a REG_SZ "1" as a string and 0xFFFFFFFF as a DWORD. One entry per line, appended in place before the
    /// closing tag, so recording stays cheap for thousands of moves; a journal cut short by a crash is read up to
    /// its last whole entry.
    /// </summary>
    public static class JournalFile
    {
        private const int FormatVersion = 1;
        private const string RootName = "TeamsRemediationJournal";
        private const string NotMadeName = "NotMade";
        private static readonly string ClosingTag = "</" + RootName + ">\n";
        private static readonly System.Text.Encoding Utf8 = new System.Text.UTF8Encoding(false);

        /// <summary>Starts a journal file with its first entry.</summary>
        public static void Create(IFileOperations files, string path, string computerName, string operation, DateTimeOffset started,
            JournalEntry first)
        {
            var header = new XElement(
                RootName,
                new XAttribute("version", FormatVersion),
                new XAttribute("computer", computerName),
                new XAttribute("operation", operation),
                new XAttribute("started", started.ToString("o", CultureInfo.InvariantCulture)));
            var opening = header.ToString(SaveOptions.DisableFormatting);
            opening = opening.Substring(0, opening.Length - 2) + ">";
            var text = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + opening + "\n" + Line(first) + ClosingTag;
            using (var stream = files.OpenJournal(path, createNew: true))
            {
                var bytes = Utf8.GetBytes(text);
                stream.Write(bytes, 0, bytes.Length);
                FlushToDisk(stream);
            }
        }

        /// <summary>Adds an entry before the closing tag: one write of the entry and the tag, flushed to disk.</summary>
        public static void Append(IFileOperations files, string path, JournalEntry entry) => AppendLine(files, path, Line(entry));

        private static void AppendLine(IFileOperations files, string path, string line)
        {
            var closing = Utf8.GetBytes(ClosingTag);
            using (var stream = files.OpenJournal(path, createNew: false))
            {
                var tail = new byte[closing.Length];
                stream.Seek(-closing.Length, SeekOrigin.End);
                var read = stream.Read(tail, 0, tail.Length);
                if (read != closing.Length || !tail.SequenceEqual(closing))
                {
                    throw new InvalidDataException(path + " does not end like a TeamsRemediation journal; it was changed by something else.");
                }

                stream.Seek(-closing.Length, SeekOrigin.End);
                var bytes = Utf8.GetBytes(line + ClosingTag);
                stream.Write(bytes, 0, bytes.Length);
                FlushToDisk(stream);
            }
        }

        /// <summary>Write-ahead means on the disk, not in a cache, before the change is made.</summary>
        internal static void FlushToDisk(Stream stream)
        {
            if (stream is FileStream file)
            {
                file.Flush(flushToDisk: true);
            }
            else
            {
                stream.Flush();
            }
        }

        /// <summary>Marks the entry just appended as not made (its change failed), so a restore does not report it.</summary>
        public static void AppendNotMade(IFileOperations files, string path) => AppendLine(files, path, "<" + NotMadeName + " />\n");

        private static string Line(JournalEntry entry) => ToElement(entry).ToString(SaveOptions.DisableFormatting) + "\n";

        /// <summary>Reads a journal; a file that is not one throws <see cref="InvalidDataException"/> naming the file.</summary>
        public static JournalDocument Read(string path)
        {
            XDocument document;
            try
            {
                document = XDocument.Load(path);
            }
            catch (XmlException e)
            {
                document = RecoverCutShort(path) ?? throw new InvalidDataException(path + " is not a TeamsRemediation journal: " + e.Message, e);
            }

            var root = document.Root;
            if (root == null || root.Name != RootName || (int?)root.Attribute("version") != FormatVersion)
            {
                throw new InvalidDataException(path + " is not a TeamsRemediation journal (format version " + FormatVersion + ").");
            }

            try
            {
                var entries = new List<JournalEntry>();
                foreach (var element in root.Elements())
                {
                    if (element.Name == NotMadeName)
                    {
                        entries.RemoveAt(entries.Count - 1);
                    }
                    else
                    {
                        entries.Add(FromElement(element));
                    }
                }

                return new JournalDocument((string?)root.Attribute("operation") ?? string.Empty, entries);
            }
            catch (Exception e) when (e is FormatException || e is ArgumentException || e is NullReferenceException)
            {
                throw new InvalidDataException(path + " has a damaged entry: " + e.Message, e);
            }
        }

        /// <summary>A run that died while appending leaves no closing tag and maybe half a line: keep the whole lines.</summary>
        private static XDocument? RecoverCutShort(string path)
        {
            var lines = File.ReadAllLines(path).ToList();
            if (lines.Count < 2 || !lines[1].StartsWith("<" + RootName + " ", StringComparison.Ordinal))
            {
                return null;
            }

            var whole = new List<string> { lines[1] };
            foreach (var line in lines.Skip(2))
            {
                try
                {
                    XElement.Parse(line);
                    whole.Add(line);
                }
                catch (XmlException)
                {
                    break;
                }
            }

            try
            {
                return XDocument.Parse(string.Join("\n", whole) + "\n</" + RootName + ">");
            }
            catch (XmlException)
            {
                return null;
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
                return JournalEntry.Moved(FullPath((string)element.Attribute("original")!), FullPath((string)element.Attribute("backup")!));
            }

            if (element.Name != "RegistryValue")
            {
                throw new FormatException("unknown entry <" + element.Name + ">");
            }

            var key = new RegistryKeyPath(
                (RegistryHive)Enum.Parse(typeof(RegistryHive), (string)element.Attribute("hive")!),
                (string)element.Attribute("key")!,
                (RegistryView)Enum.Parse(typeof(RegistryView), (string)element.Attribute("view")!));
            return JournalEntry.RegistryChange(key, (string)element.Attribute("name")!, ReadValue(element.Element("Before")),
                ReadValue(element.Element("After")));
        }

        /// <summary>A journal is untrusted: a relative path or one with ".." is resolved before any scope check sees it.</summary>
        private static string FullPath(string path)
        {
            if (!Path.IsPathRooted(path))
            {
                throw new FormatException("the path '" + path + "' is not absolute");
            }

            return Path.GetFullPath(path);
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
