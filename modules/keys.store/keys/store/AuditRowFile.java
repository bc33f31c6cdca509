package keys.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

import keys.domain.AuditEntry;

/**
 * The format of an audit row file, {@code audit-<n>.rows}: what the in-memory index leaves out
 * of an entry (its address and stored data) lives here, written once and never rewritten.
 *
 * <pre>
 * file = magic (7 ASCII bytes: KEYSAUD) version (u8) row*
 * row  = length (u32, payload bytes) crc (u32, CRC-32C of the payload) payload
 * payload = the whole entry: id, orgId, event, actorId, ipAddress, targetObject, targetUserId,
 *           data, createdMicros (varints and strings as in the log)
 * </pre>
 * A row holds the whole entry, not just the part the index lacks, so that a reader can check it
 * is the row the index points at, and a file can be read on its own.
 *
 * <p>A row is addressed by a <em>locator</em>: the file number in the top 24 bits, the byte
 * offset of the row in the low 40 (files of up to a terabyte, sixteen million files).
 */
final class AuditRowFile {
    static final byte[] MAGIC = "KEYSAUD".getBytes(StandardCharsets.US_ASCII);
    static final int ROW_HEADER_BYTES = 8;
    private static final int OFFSET_BITS = 40;
    private static final long OFFSET_MASK = (1L << OFFSET_BITS) - 1;
    static final int MAX_FILE_NUMBER = (1 << 23) - 1;

    private AuditRowFile() {
    }

    static long locator(int file, long offset) {
        if (file < 1 || file > MAX_FILE_NUMBER || offset < 0 || offset > OFFSET_MASK) {
            throw new IllegalArgumentException("no locator for file " + file + " offset " + offset);
        }
        return (long) file << OFFSET_BITS | offset;
    }

    static int file(long locator) {
        return (int) (locator >>> OFFSET_BITS);
    }

    static long offset(long locator) {
        return locator & OFFSET_MASK;
    }

    /** A row, framed, ready to be appended; {@code w} holds its bytes, until its next use. */
    static ByteBuffer encode(AuditEntry e, PayloadWriter w) {
        w.reset(ROW_HEADER_BYTES);
        w.varLong(e.id());
        w.varLong(e.orgId());
        w.varInt(e.event());
        w.varLong(e.actorId());
        w.string(e.ipAddress());
        w.varLong(e.targetObject());
        w.varLong(e.targetUserId());
        w.string(e.data());
        w.varLong(e.createdMicros());
        int n = w.size() - ROW_HEADER_BYTES;
        byte[] row = w.array();
        return ByteBuffer.wrap(row, 0, w.size()).putInt(0, n).putInt(4, crc(row, ROW_HEADER_BYTES, n));
    }

    static AuditEntry decode(byte[] payload, int off, int len) throws PayloadFormatException {
        PayloadReader r = new PayloadReader(payload, off, len);
        long id = r.varLong();
        long org = r.varLong();
        int event = r.varInt();
        long actor = r.varLong();
        String ip = r.string();
        long target = r.varLong();
        long targetUser = r.varLong();
        String data = r.string();
        long micros = r.varLong();
        r.expectEnd();
        try {
            return new AuditEntry(id, org, event, actor, ip, target, targetUser, data, micros);
        } catch (IllegalArgumentException e) {
            throw new PayloadFormatException(e.getMessage());
        }
    }

    static int crc(byte[] b, int off, int len) {
        CRC32C crc = new CRC32C();
        crc.update(b, off, len);
        return (int) crc.getValue();
    }
}
