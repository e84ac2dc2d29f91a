using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace TeamsRemediation.Demo
{
    /// <summary>
    /// A PowerShell host that writes what a console would show into a TextWriter, so Out-Default renders the
    /// module's format views as a person sees them. Never interactive, like Intune and scheduled tasks: any
    /// prompt fails instead of waiting.
    /// </summary>
    public sealed class TextHost : PSHost
    {
        private readonly Guid id = Guid.NewGuid();
        private readonly TextHostUserInterface ui;

        public TextHost(TextWriter output, int width = 150)
        {
            ui = new TextHostUserInterface(output, width);
        }

        public override CultureInfo CurrentCulture => CultureInfo.InvariantCulture;

        public override CultureInfo CurrentUICulture => CultureInfo.InvariantCulture;

        public override Guid InstanceId => id;

        public override string Name => "TeamsRemediationTextHost";

        public override PSHostUserInterface UI => ui;

        public override Version Version => new Version(1, 0);

        /// <summary>Progress records written during the session, newest last.</summary>
        public IReadOnlyList<ProgressRecord> Progress => ui.Progress;

        public override void EnterNestedPrompt() => throw new PSNotSupportedException("This host is not interactive.");

        public override void ExitNestedPrompt() => throw new PSNotSupportedException("This host is not interactive.");

        public override void NotifyBeginApplication()
        {
        }

        public override void NotifyEndApplication()
        {
        }

        public override void SetShouldExit(int exitCode)
        {
        }

        private sealed class TextHostUserInterface : PSHostUserInterface
        {
            private static readonly System.Text.RegularExpressions.Regex AnsiEscape =
                new System.Text.RegularExpressions.Regex("\u001b\\[[0-9;]*[A-Za-z]");
            private readonly TextWriter output;
            private readonly TextHostRawUserInterface raw;
            private readonly List<ProgressRecord> progress = new List<ProgressRecord>();

            public TextHostUserInterface(TextWriter output, int width)
            {
                this.output = output;
                raw = new TextHostRawUserInterface(width);
            }

            public IReadOnlyList<ProgressRecord> Progress
            {
                get
                {
                    lock (progress)
                    {
                        return progress.ToArray();
                    }
                }
            }

            public override PSHostRawUserInterface RawUI => raw;

            public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
                throw NotInteractive();

            public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) =>
                throw NotInteractive();

            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
                throw NotInteractive();

            public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
                PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw NotInteractive();

            public override string ReadLine() => throw NotInteractive();

            public override SecureString ReadLineAsSecureString() => throw NotInteractive();

            // Plain text, as a log or an Intune console shows it: PowerShell 7's table headers carry ANSI styles.
            public override void Write(string value) => output.Write(Plain(value));

            public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => output.Write(Plain(value));

            public override void WriteLine(string value) => output.WriteLine(Plain(value));

            public override void WriteErrorLine(string value) => output.WriteLine(Plain(value));

            private static string Plain(string value) => AnsiEscape.Replace(value ?? string.Empty, string.Empty);

            public override void WriteDebugLine(string message) => output.WriteLine("DEBUG: " + message);

            public override void WriteVerboseLine(string message) => output.WriteLine("VERBOSE: " + message);

            public override void WriteWarningLine(string message) => output.WriteLine("WARNING: " + message);

            public override void WriteProgress(long sourceId, ProgressRecord record)
            {
                lock (progress)
                {
                    progress.Add(record);
                }
            }

            private static PSInvalidOperationException NotInteractive() =>
                new PSInvalidOperationException("This session is not interactive: nobody can answer a prompt. Use -Force or -Confirm:$false.");
        }

        private sealed class TextHostRawUserInterface : PSHostRawUserInterface
        {
            private readonly int width;

            public TextHostRawUserInterface(int width)
            {
                this.width = width;
            }

            public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;

            public override Size BufferSize { get => new Size(width, 9999); set { } }

            public override Coordinates CursorPosition { get; set; }

            public override int CursorSize { get; set; }

            public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;

            public override bool KeyAvailable => false;

            public override Size MaxPhysicalWindowSize => new Size(width, 9999);

            public override Size MaxWindowSize => new Size(width, 9999);

            public override Coordinates WindowPosition { get; set; }

            public override Size WindowSize { get => new Size(width, 50); set { } }

            public override string WindowTitle { get; set; } = "TeamsRemediation";

            public override void FlushInputBuffer()
            {
            }

            public override BufferCell[,] GetBufferContents(Rectangle rectangle) => new BufferCell[0, 0];

            public override KeyInfo ReadKey(ReadKeyOptions options) => throw new PSInvalidOperationException("This session is not interactive.");

            public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill)
            {
            }

            public override void SetBufferContents(Coordinates origin, BufferCell[,] contents)
            {
            }

            public override void SetBufferContents(Rectangle rectangle, BufferCell fill)
            {
            }
        }
    }
}
