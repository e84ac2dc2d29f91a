using System;
using System.IO;
using System.Net.Sockets;
using TeamsRemediation.Platform;

namespace TeamsRemediation.Network
{
    /// <summary>
    /// A connected socket's stream whose every read and write waits at most until the probe's deadline: the socket's own
    /// timeouts are set to what is left before each call, so the several reads of a TLS handshake together never outlast it,
    /// and nothing (no timer, no other thread) has to close the socket to stop a probe.
    /// </summary>
    internal sealed class DeadlineStream : Stream
    {
        private readonly Socket socket;
        private readonly NetworkStream inner;
        private readonly ProbeDeadline deadline;

        public DeadlineStream(Socket socket, ProbeDeadline deadline)
        {
            this.socket = socket;
            this.deadline = deadline;
            inner = new NetworkStream(socket, ownsSocket: true);
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            socket.ReceiveTimeout = MillisecondsLeft();
            return inner.Read(buffer, offset, count);
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            socket.SendTimeout = MillisecondsLeft();
            inner.Write(buffer, offset, count);
        }

        public override void Flush() => inner.Flush();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int MillisecondsLeft()
        {
            if (deadline.HasPassed)
            {
                throw new TimeoutException("The probe's deadline has passed.");
            }

            return deadline.RemainingWholeMilliseconds;
        }
    }
}
